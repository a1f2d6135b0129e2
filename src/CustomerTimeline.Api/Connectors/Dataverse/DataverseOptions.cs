using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.Connectors.Dataverse;

/// <summary>
/// Section <c>Connectors:Dataverse</c>. Empty: off. The organization URL and the Entra ID app registration
/// (tenant, client id, client secret) go together.
/// </summary>
public sealed class DataverseOptions : IValidatableObject
{
    public const string Section = "Connectors:Dataverse";

    /// <summary>The organization URI, e.g. https://contoso.crm.dynamics.com.</summary>
    public Uri? BaseUrl { get; set; }

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Entra ID authority host.</summary>
    public Uri Instance { get; set; } = new("https://login.microsoftonline.com/");

    /// <summary>Token scope; default "{BaseUrl}/.default" (the org's application permissions).</summary>
    public string? Scope { get; set; }

    /// <summary>Rows per page, sent as <c>Prefer: odata.maxpagesize</c> (Dataverse ignores more than 5000).</summary>
    [Range(1, 5000, ErrorMessage = "Connectors:Dataverse:PageSize must be between 1 and 5000.")]
    public int PageSize { get; set; } = 500;

    public DateTimeOffset? StartAt { get; set; }

    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// How far before the watermark each incremental query starts again. <c>modifiedon</c> is set when an operation
    /// starts and the row is readable when its transaction commits (synchronous plug-ins may run two minutes, bulk
    /// jobs longer): a row committed after a faster, newer one would be below the watermark when it shows. Rows read
    /// again are stored once (replays).
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often the stored contacts, activities and notes are checked for rows deleted in Dataverse (the
    /// <c>deletions</c> stream); zero turns the sweep off. The first one runs an interval after the first sync.
    /// </summary>
    public TimeSpan DeletionSweepInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Requests of 50 ids a sync run spends on a sweep (the next run goes on), so no run holds the source long.</summary>
    [Range(1, 10_000, ErrorMessage = "Connectors:Dataverse:DeletionSweepPagesPerRun must be between 1 and 10000.")]
    public int DeletionSweepPagesPerRun { get; set; } = 100;

    /// <summary>
    /// Service protection allows 6000 requests per 5 minutes per user, with 429 + Retry-After beyond:
    /// a breaker opening after 10 failed attempts within a minute; Retry-After up to 2 minutes is waited out.
    /// </summary>
    public ConnectorResilienceOptions Resilience { get; set; } = new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(60),
        TotalTimeout = TimeSpan.FromMinutes(5),
        MaxRetryAttempts = 4,
        RetryBaseDelay = TimeSpan.FromSeconds(2),
        MaxRetryAfter = TimeSpan.FromMinutes(2),
        BreakerFailureRatio = 0.5,
        BreakerMinimumThroughput = 10,
        BreakerSamplingDuration = TimeSpan.FromSeconds(60),
        BreakerBreakDuration = TimeSpan.FromSeconds(30),
    };

    public bool IsConfigured =>
        BaseUrl is not null || !string.IsNullOrWhiteSpace(TenantId) || !string.IsNullOrWhiteSpace(ClientId)
        || !string.IsNullOrWhiteSpace(ClientSecret);

    public string EffectiveScope => Scope ?? (BaseUrl is null ? "" : BaseUrl.GetLeftPart(UriPartial.Authority) + "/.default");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured) yield break;
        if (BaseUrl is null)
            yield return new($"{Section}:BaseUrl (the organization URI) is required when the Dataverse source is configured.", [nameof(BaseUrl)]);
        else if (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("https" or "http"))
            yield return new($"{Section}:BaseUrl must be an absolute http(s) URL.", [nameof(BaseUrl)]);
        if (string.IsNullOrWhiteSpace(TenantId))
            yield return new($"{Section}:TenantId is required when the Dataverse source is configured.", [nameof(TenantId)]);
        if (string.IsNullOrWhiteSpace(ClientId))
            yield return new($"{Section}:ClientId is required when the Dataverse source is configured.", [nameof(ClientId)]);
        if (string.IsNullOrWhiteSpace(ClientSecret))
            yield return new($"{Section}:ClientSecret is required when the Dataverse source is configured.", [nameof(ClientSecret)]);
        if (InitialLookback <= TimeSpan.Zero)
            yield return new($"{Section}:InitialLookback must be positive.", [nameof(InitialLookback)]);
        if (Overlap < TimeSpan.Zero || Overlap > TimeSpan.FromDays(1))
            yield return new($"{Section}:Overlap must be between 0 and 1 day.", [nameof(Overlap)]);
        if (DeletionSweepInterval < TimeSpan.Zero)
            yield return new($"{Section}:DeletionSweepInterval must be zero (off) or positive.", [nameof(DeletionSweepInterval)]);
        foreach (var error in Resilience.Validate(Section)) yield return error;
    }
}
