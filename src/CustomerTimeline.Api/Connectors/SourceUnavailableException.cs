using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Connectors;

/// <summary>
/// A page could not be read (outage, timeout, open breaker, refused credentials, malformed body). The sync
/// engine ends the run as failed and keeps the stored cursor, so the next run re-reads the same page.
/// </summary>
public sealed class SourceUnavailableException : Exception
{
    public SourceUnavailableException()
    {
    }

    public SourceUnavailableException(string message) : base(message)
    {
    }

    public SourceUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public SourceUnavailableException(EventSource source, SourceFailure failure, string message, Exception? innerException = null)
        : base($"{source}: {message}", innerException)
    {
        Source = source;
        Failure = failure;
    }

    public new EventSource Source { get; }

    public SourceFailure Failure { get; }

    /// <summary>When the breaker is open: how long until it lets a probe through, if known.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
