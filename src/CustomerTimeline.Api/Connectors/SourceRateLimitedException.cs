using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Connectors;

/// <summary>
/// The vendor kept answering 429 (or asked to wait longer than the retry budget allows). Distinct from
/// <see cref="SourceUnavailableException"/> so the sync engine can end the run "deferred" without advancing
/// the cursor and schedule the next one after <see cref="RetryAfter"/>.
/// </summary>
public sealed class SourceRateLimitedException : Exception
{
    public SourceRateLimitedException()
    {
    }

    public SourceRateLimitedException(string message) : base(message)
    {
    }

    public SourceRateLimitedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public SourceRateLimitedException(EventSource source, TimeSpan? retryAfter, Exception? innerException = null)
        : base($"{source}: rate limited" + (retryAfter is { } r ? $", retry after {r.TotalSeconds:0}s." : "."), innerException)
    {
        Source = source;
        RetryAfter = retryAfter;
    }

    public new EventSource Source { get; }

    /// <summary>The vendor's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }
}
