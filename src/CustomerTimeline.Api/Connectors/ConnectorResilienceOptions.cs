using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.Connectors;

/// <summary>
/// Timings of one vendor client's resilience pipeline (section <c>Connectors:{Vendor}:Resilience</c>).
/// Each vendor's options start from defaults tuned to that vendor's documented request rate.
/// </summary>
public sealed class ConnectorResilienceOptions
{
    /// <summary>One HTTP attempt; a slow page is abandoned and retried after this.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The whole call, retries and Retry-After waits included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First back-off delay (exponential, jittered) when the vendor sent no Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Longest Retry-After we wait for inside one call. A longer one ends the call with
    /// <see cref="SourceRateLimitedException"/> at once, so the run is deferred instead of holding a lease.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Share of failed attempts within <see cref="BreakerSamplingDuration"/> that opens the breaker.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed in the sampling window before the ratio counts; must fit the vendor's request rate.</summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the breaker stays open before letting one probe through.</summary>
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks the ranges Polly enforces, naming the configuration keys under <paramref name="prefix"/>.</summary>
    public IEnumerable<ValidationResult> Validate(string prefix)
    {
        var key = prefix + ":Resilience:";
        if (AttemptTimeout < TimeSpan.FromMilliseconds(10) || AttemptTimeout > TimeSpan.FromHours(1))
            yield return Error(key + "AttemptTimeout", "must be between 00:00:00.010 and 01:00:00.");
        if (TotalTimeout <= AttemptTimeout || TotalTimeout > TimeSpan.FromHours(2))
            yield return Error(key + "TotalTimeout", "must be longer than AttemptTimeout and at most 02:00:00.");
        if (MaxRetryAttempts is < 0 or > 20)
            yield return Error(key + "MaxRetryAttempts", "must be between 0 and 20.");
        if (RetryBaseDelay < TimeSpan.Zero || RetryBaseDelay > TimeSpan.FromMinutes(5))
            yield return Error(key + "RetryBaseDelay", "must be between 00:00:00 and 00:05:00.");
        if (MaxRetryAfter < TimeSpan.Zero || MaxRetryAfter >= TotalTimeout)
            yield return Error(key + "MaxRetryAfter", "must be at least 00:00:00 and shorter than TotalTimeout.");
        if (BreakerFailureRatio is <= 0 or > 1)
            yield return Error(key + "BreakerFailureRatio", "must be greater than 0 and at most 1.");
        if (BreakerMinimumThroughput < 2)
            yield return Error(key + "BreakerMinimumThroughput", "must be at least 2.");
        if (BreakerSamplingDuration < TimeSpan.FromMilliseconds(500))
            yield return Error(key + "BreakerSamplingDuration", "must be at least 00:00:00.500.");
        if (BreakerBreakDuration < TimeSpan.FromMilliseconds(500))
            yield return Error(key + "BreakerBreakDuration", "must be at least 00:00:00.500.");
    }

    private static ValidationResult Error(string key, string rule) => new($"{key} {rule}", [key]);
}
