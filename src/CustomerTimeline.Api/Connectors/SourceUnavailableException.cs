namespace CustomerTimeline.Api.Connectors;

/// <summary>
/// The vendor could not be reached or kept failing (5xx, timeouts, open circuit) past the retry budget.
/// The sync engine ends the run "failed" without touching the stored cursor.
/// </summary>
public sealed class SourceUnavailableException : Exception
{
    public SourceUnavailableException() : base("The source is unavailable.") { }

    public SourceUnavailableException(string message) : base(message) { }

    public SourceUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}
