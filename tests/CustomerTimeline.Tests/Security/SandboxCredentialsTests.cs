using System.Net;
using System.Net.Http.Headers;
using CustomerTimeline.Api.Sandbox;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CustomerTimeline.Tests.Security;

public sealed class SandboxCredentialsTests
{
    [Fact]
    public async Task Vendor_bearer_tokens_sent_to_the_sandbox_are_not_read_as_this_APIs_tokens()
    {
        await using var api = new ConfiguredApiFactory("Development", new Dictionary<string, string?>
        {
            ["Sandbox:Enabled"] = "true",
            ["Logging:LogLevel:Microsoft.AspNetCore.Authentication"] = "Trace",
        }, services: s => s.AddLogging(logging => logging.AddFakeLogging()));
        using var http = api.CreateClient();

        using var toSandbox = new HttpRequestMessage(HttpMethod.Get, SandboxExtensions.PathPrefix + "/typeform/forms/any/responses");
        toSandbox.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "tfp_not_a_jwt");
        using var sandboxAnswer = await http.SendAsync(toSandbox);
        // The JWT handler's own log (per host; IdentityModel's logger is process-wide, shared with other tests' hosts).
        api.Services.GetFakeLogCollector().GetSnapshot().ShouldNotContain(r => IsTokenFailure(r),
            "a vendor token sent to the sandbox is not this API's to validate");

        // Anywhere else the same token is still read, and refused.
        using var toApi = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("""{"query":"{ sources { source } }"}""", System.Text.Encoding.UTF8, "application/json") };
        toApi.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "tfp_not_a_jwt");
        (await http.SendAsync(toApi)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        api.Services.GetFakeLogCollector().GetSnapshot().ShouldContain(r => IsTokenFailure(r));
    }

    private static bool IsTokenFailure(FakeLogRecord record) =>
        record.Category is { } category && category.StartsWith("Microsoft.AspNetCore.Authentication", StringComparison.Ordinal)
        && record.Message.Contains("Failure message", StringComparison.Ordinal);
}
