using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Connectors.Sync;

/// <summary>
/// Describes a failure for SyncState.LastError and logs without personal data: exception messages can quote
/// payloads or duplicate key values, so only the kind of failure (and an HTTP status) is kept.
/// </summary>
public static class SyncErrors
{
    public static string Describe(Exception exception) => exception switch
    {
        null => "Unknown error",
        SourceRateLimitedException e => e.RetryAfter is { } wait
            ? $"Rate-limited by the source; retry after {Math.Ceiling(wait.TotalSeconds)} s"
            : "Rate-limited by the source",
        SourceUnavailableException => "Source unavailable",
        SyncLeaseLostException => "Lease taken over by another run",
        ConnectorContractException e => e.Message,
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status} from the source",
        HttpRequestException => "HTTP request to the source failed",
        TimeoutException or TaskCanceledException => "Timed out",
        JsonException => "Malformed response from the source",
        DbUpdateException => "Database write failed",
        _ => exception.GetType().Name,
    };
}
