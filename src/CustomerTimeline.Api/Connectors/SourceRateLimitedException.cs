namespace CustomerTimeline.Api.Connectors;

/// <summary>
/// The vendor kept answering "too many requests" past the connector's retry budget. The sync engine ends
/// the run "deferred", keeps the cursor of the last committed page, and tries again after <see cref="RetryAfter"/>.
/// </summary>
public sealed class SourceRateLimitedException : Exception
{
    public SourceRateLimitedException(TimeSpan? retryAfter)
        : base("The source is rate-limiting requests.") => RetryAfter = retryAfter;

    public SourceRateLimitedException(TimeSpan? retryAfter, Exception innerException)
        : base("The source is rate-limiting requests.", innerException) => RetryAfter = retryAfter;

    public SourceRateLimitedException() : this(retryAfter: null) { }

    public SourceRateLimitedException(string message) : base(message) { }

    public SourceRateLimitedException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>How long the vendor asked us to wait, when it said (Retry-After).</summary>
    public TimeSpan? RetryAfter { get; }
}
