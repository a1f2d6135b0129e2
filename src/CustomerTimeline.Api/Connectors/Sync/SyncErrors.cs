using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Connectors.Sync;

/// <summary>
/// Describes a failure for SyncState.LastError and logs without personal data: exception messages can quote
/// payloads or duplicate key values (and a vendor's own error text, which Matomo's carry), so only the kind of failure
/// (and an HTTP status) is kept. The kind is what an operator acts on: refused credentials need fixing, an outage
/// only waiting.
/// </summary>
public static class SyncErrors
{
    public static string Describe(Exception exception) => exception switch
    {
        null => "Unknown error",
        SourceRateLimitedException e => e.RetryAfter is { } wait
            ? $"Rate-limited by the source; retry after {Math.Ceiling(wait.TotalSeconds)} s"
            : "Rate-limited by the source",
        SourceUnavailableException e => "Source unavailable: " + SourceFailureText.Describe(e.Failure, Status(e.InnerException)),
        SyncLeaseLostException => "Lease taken over by another run",
        ConnectorContractException e => e.Message,
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status} from the source",
        HttpRequestException => "HTTP request to the source failed",
        TimeoutException or TaskCanceledException => "Timed out",
        JsonException => "Malformed response from the source",
        DbUpdateException => "Database write failed",
        _ => exception.GetType().Name,
    };

    private static int? Status(Exception? inner) => inner switch
    {
        Refit.ApiException api => (int)api.StatusCode,
        HttpRequestException { StatusCode: { } status } => (int)status,
        _ => null,
    };
}
