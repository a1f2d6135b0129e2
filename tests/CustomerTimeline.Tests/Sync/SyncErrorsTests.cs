using System.Net;
using System.Text.Json;
using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using Refit;

namespace CustomerTimeline.Tests.Sync;

/// <summary>
/// A source's last error says what kind of failure it was, which is what an operator acts on (credentials to fix, or
/// an outage to wait out), with the HTTP status where there is one, and never the vendor's or the payload's text.
/// </summary>
public sealed class SyncErrorsTests
{
    [Fact]
    public async Task An_unavailable_source_says_why_with_the_status_when_there_is_one()
    {
        Describe(SourceFailure.AuthenticationFailed, await ApiError(HttpStatusCode.Unauthorized))
            .ShouldBe("Source unavailable: the credentials were refused (HTTP 401)");
        Describe(SourceFailure.HttpError, await ApiError(HttpStatusCode.ServiceUnavailable))
            .ShouldBe("Source unavailable: HTTP 503 after retries");
        Describe(SourceFailure.HttpError, new HttpRequestException("x", null, HttpStatusCode.BadGateway))
            .ShouldBe("Source unavailable: HTTP 502 after retries");
        Describe(SourceFailure.AuthenticationFailed).ShouldBe("Source unavailable: the credentials were refused");
        Describe(SourceFailure.HttpError).ShouldBe("Source unavailable: an error status after retries");
        Describe(SourceFailure.CircuitOpen).ShouldBe("Source unavailable: the circuit breaker is open after repeated failures");
        Describe(SourceFailure.Timeout).ShouldBe("Source unavailable: timed out");
        Describe(SourceFailure.MalformedResponse, new JsonException("'a.lee@example.com' is invalid"))
            .ShouldBe("Source unavailable: the response is not the documented JSON");
        Describe(SourceFailure.Unreachable, new HttpRequestException("Connection refused"))
            .ShouldBe("Source unavailable: the vendor could not be reached");
        // Every kind has its words; none falls through to the enum's name.
        Enum.GetValues<SourceFailure>().Select(f => Describe(f)).ShouldAllBe(d => !Enum.GetNames<SourceFailure>().Any(n => d.EndsWith(n, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_vendors_own_error_text_stays_out()
    {
        var matomo = new SourceUnavailableException(EventSource.Matomo, SourceFailure.AuthenticationFailed,
            "Matomo answered an error: You can't access this resource as it requires view access for site 3 (token abc123, a.lee@example.com)");
        var described = SyncErrors.Describe(matomo);
        described.ShouldBe("Source unavailable: the credentials were refused");
        described.ShouldNotContain("abc123");
        described.ShouldNotContain("@");
    }

    private static string Describe(SourceFailure failure, Exception? inner = null) =>
        SyncErrors.Describe(new SourceUnavailableException(EventSource.Zendesk, failure, "any message of ours", inner));

    private static async Task<ApiException> ApiError(HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://acme.zendesk.com/api/v2/users.json");
        using var response = new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent("{\"error\":\"a.lee@example.com\"}") };
        return await ApiException.Create(request, HttpMethod.Get, response, new RefitSettings());
    }
}
