using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.Connectors.Matomo;

/// <summary>Section <c>Connectors:Matomo</c>. Empty: off. BaseUrl, TokenAuth and SiteId go together.</summary>
public sealed class MatomoOptions : IValidatableObject
{
    public const string Section = "Connectors:Matomo";

    /// <summary>The Matomo instance, e.g. https://analytics.example.com (index.php is appended).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Sent in the POST body only, never in a URL (URLs end up in proxy and server logs).</summary>
    public string? TokenAuth { get; set; }

    public int? SiteId { get; set; }

    /// <summary>
    /// Visits per call (<c>filter_limit</c>). Each page is one write transaction: at 100 the fixed cost of a commit
    /// (the events' index pages written to the WAL) was a fifth of Matomo's ingestion time.
    /// </summary>
    [Range(1, 1000, ErrorMessage = "Connectors:Matomo:PageSize must be between 1 and 1000.")]
    public int PageSize { get; set; } = 500;

    public DateTimeOffset? StartAt { get; set; }

    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// How often the <c>late-visits</c> stream reads the last <see cref="LateVisitsWindow"/> again; zero turns it off.
    /// A visit recorded after the cursor passed its time (a mobile app's offline queue sent with <c>cdt</c>, queued
    /// tracking, a log import) is below the cursor when it shows: only a read again finds it.
    /// </summary>
    public TimeSpan LateVisitsInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How far back the late-visits read goes: Matomo accepts tracking requests dated up to a day back by default.</summary>
    public TimeSpan LateVisitsWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Self-hosted, no published rate limit, but Live queries are heavy: long attempt timeout, a breaker that
    /// opens after 5 failed attempts within a minute.
    /// </summary>
    public ConnectorResilienceOptions Resilience { get; set; } = new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(60),
        TotalTimeout = TimeSpan.FromMinutes(4),
        MaxRetryAttempts = 3,
        RetryBaseDelay = TimeSpan.FromSeconds(2),
        MaxRetryAfter = TimeSpan.FromSeconds(60),
        BreakerFailureRatio = 0.5,
        BreakerMinimumThroughput = 5,
        BreakerSamplingDuration = TimeSpan.FromSeconds(60),
        BreakerBreakDuration = TimeSpan.FromSeconds(30),
    };

    public bool IsConfigured => BaseUrl is not null || !string.IsNullOrWhiteSpace(TokenAuth) || SiteId is not null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured) yield break;
        if (BaseUrl is null)
            yield return new($"{Section}:BaseUrl is required when the Matomo source is configured.", [nameof(BaseUrl)]);
        else if (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("https" or "http"))
            yield return new($"{Section}:BaseUrl must be an absolute http(s) URL.", [nameof(BaseUrl)]);
        else if (!string.IsNullOrEmpty(BaseUrl.Query))
            yield return new($"{Section}:BaseUrl must not carry a query string (token_auth goes in the POST body).", [nameof(BaseUrl)]);
        if (string.IsNullOrWhiteSpace(TokenAuth))
            yield return new($"{Section}:TokenAuth is required when the Matomo source is configured.", [nameof(TokenAuth)]);
        if (SiteId is null or < 1)
            yield return new($"{Section}:SiteId is required (the idSite, 1 or more) when the Matomo source is configured.", [nameof(SiteId)]);
        if (InitialLookback <= TimeSpan.Zero)
            yield return new($"{Section}:InitialLookback must be positive.", [nameof(InitialLookback)]);
        if (LateVisitsInterval < TimeSpan.Zero)
            yield return new($"{Section}:LateVisitsInterval must be zero (off) or positive.", [nameof(LateVisitsInterval)]);
        if (LateVisitsWindow <= TimeSpan.Zero || LateVisitsWindow > TimeSpan.FromDays(31))
            yield return new($"{Section}:LateVisitsWindow must be positive and at most 31 days.", [nameof(LateVisitsWindow)]);
        foreach (var error in Resilience.Validate(Section)) yield return error;
    }
}
