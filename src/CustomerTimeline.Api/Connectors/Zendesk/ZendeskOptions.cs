using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>
/// Section <c>Connectors:Zendesk</c>. Empty section: the source is off. Any connection key set: all of
/// them are required, and start-up fails naming the missing ones.
/// </summary>
public sealed partial class ZendeskOptions : IValidatableObject
{
    public const string Section = "Connectors:Zendesk";

    /// <summary>The account's subdomain: <c>acme</c> for https://acme.zendesk.com.</summary>
    public string? Subdomain { get; set; }

    /// <summary>Overrides https://{Subdomain}.zendesk.com (a sandbox, a proxy, a test server).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Agent or admin email the API token belongs to (the "{email}/token" user name).</summary>
    public string? Email { get; set; }

    public string? ApiToken { get; set; }

    /// <summary>
    /// Items per page of the user and ticket exports (<c>per_page</c>; Zendesk's default and maximum is 1000). The
    /// exports allow 10 requests a minute, so a smaller page caps the sync at ten pages of it a minute. The ticket
    /// event export (comments) has no page size: Zendesk sends up to 1000 events a page.
    /// </summary>
    [Range(1, 1000, ErrorMessage = "Connectors:Zendesk:PageSize must be between 1 and 1000.")]
    public int PageSize { get; set; } = 1000;

    /// <summary>
    /// Read ticket comments as TicketMessage events: a third stream, <c>comments</c>, over the incremental ticket
    /// event export (read on each run, so turning it off drops the stream from the next run).
    /// </summary>
    public bool IncludeComments { get; set; } = true;

    /// <summary>Where the first run starts; default: <see cref="InitialLookback"/> before the first run.</summary>
    public DateTimeOffset? StartAt { get; set; }

    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// Incremental exports allow 10 requests a minute, so a breaker needing 100 calls in 30 s would never
    /// open: 4 failed attempts within 2 minutes open it, for one minute.
    /// </summary>
    public ConnectorResilienceOptions Resilience { get; set; } = new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(30),
        TotalTimeout = TimeSpan.FromMinutes(3),
        MaxRetryAttempts = 3,
        RetryBaseDelay = TimeSpan.FromSeconds(2),
        MaxRetryAfter = TimeSpan.FromSeconds(90),
        BreakerFailureRatio = 0.5,
        BreakerMinimumThroughput = 4,
        BreakerSamplingDuration = TimeSpan.FromMinutes(2),
        BreakerBreakDuration = TimeSpan.FromMinutes(1),
    };

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(Subdomain) || BaseUrl is not null
        || !string.IsNullOrWhiteSpace(Email) || !string.IsNullOrWhiteSpace(ApiToken);

    public Uri? EffectiveBaseUrl =>
        BaseUrl ?? (string.IsNullOrWhiteSpace(Subdomain) ? null : new Uri($"https://{Subdomain.Trim()}.zendesk.com"));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured) yield break;
        if (string.IsNullOrWhiteSpace(Subdomain) && BaseUrl is null)
            yield return new($"{Section}:Subdomain (or {Section}:BaseUrl) is required when the Zendesk source is configured.", [nameof(Subdomain)]);
        if (!string.IsNullOrWhiteSpace(Subdomain) && !SubdomainPattern().IsMatch(Subdomain.Trim()))
            yield return new($"{Section}:Subdomain must be the bare subdomain, such as 'acme' for acme.zendesk.com.", [nameof(Subdomain)]);
        if (BaseUrl is not null && (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("https" or "http")))
            yield return new($"{Section}:BaseUrl must be an absolute http(s) URL.", [nameof(BaseUrl)]);
        if (string.IsNullOrWhiteSpace(Email))
            yield return new($"{Section}:Email is required when the Zendesk source is configured.", [nameof(Email)]);
        if (string.IsNullOrWhiteSpace(ApiToken))
            yield return new($"{Section}:ApiToken is required when the Zendesk source is configured.", [nameof(ApiToken)]);
        if (InitialLookback <= TimeSpan.Zero)
            yield return new($"{Section}:InitialLookback must be positive.", [nameof(InitialLookback)]);
        foreach (var error in Resilience.Validate(Section)) yield return error;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,62}$")]
    private static partial Regex SubdomainPattern();
}
