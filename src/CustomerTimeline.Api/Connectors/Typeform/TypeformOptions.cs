using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.Connectors.Typeform;

/// <summary>Section <c>Connectors:Typeform</c>. Empty: off. A token and at least one form go together.</summary>
public sealed class TypeformOptions : IValidatableObject
{
    public const string Section = "Connectors:Typeform";

    /// <summary>https://api.typeform.com, or the EU data center's https://api.eu.typeform.com.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.typeform.com");

    /// <summary>Personal access token with the responses:read scope, sent as a bearer token.</summary>
    public string? PersonalAccessToken { get; set; }

    public IList<TypeformFormOptions> Forms { get; } = [];

    /// <summary>Responses per call (<c>page_size</c>, Typeform allows up to 1000).</summary>
    [Range(1, 1000, ErrorMessage = "Connectors:Typeform:PageSize must be between 1 and 1000.")]
    public int PageSize { get; set; } = 200;

    public DateTimeOffset? StartAt { get; set; }

    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// Typeform may not list a response in its first half hour ("very recent responses may not be returned"): the
    /// cursor stays before responses submitted within this window, so the next run reads them again (replays, stored
    /// once) with any that showed up late. Responses are still stored as soon as they are listed.
    /// </summary>
    public TimeSpan SettleWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Typeform allows 2 requests a second per account: a breaker opening after 6 failed attempts in 30 s.</summary>
    public ConnectorResilienceOptions Resilience { get; set; } = new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(30),
        TotalTimeout = TimeSpan.FromMinutes(2),
        MaxRetryAttempts = 3,
        RetryBaseDelay = TimeSpan.FromSeconds(1),
        MaxRetryAfter = TimeSpan.FromSeconds(60),
        BreakerFailureRatio = 0.5,
        BreakerMinimumThroughput = 6,
        BreakerSamplingDuration = TimeSpan.FromSeconds(30),
        BreakerBreakDuration = TimeSpan.FromSeconds(30),
    };

    public bool IsConfigured => !string.IsNullOrWhiteSpace(PersonalAccessToken) || Forms.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured) yield break;
        if (string.IsNullOrWhiteSpace(PersonalAccessToken))
            yield return new($"{Section}:PersonalAccessToken is required when the Typeform source is configured.", [nameof(PersonalAccessToken)]);
        if (Forms.Count == 0)
            yield return new($"{Section}:Forms must list at least one form (Forms:0:FormId) when the Typeform source is configured.", [nameof(Forms)]);
        if (SettleWindow < TimeSpan.Zero || SettleWindow > TimeSpan.FromDays(1))
            yield return new($"{Section}:SettleWindow must be between 0 and 1 day.", [nameof(SettleWindow)]);
        if (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("https" or "http"))
            yield return new($"{Section}:BaseUrl must be an absolute http(s) URL.", [nameof(BaseUrl)]);
        for (var i = 0; i < Forms.Count; i++)
        {
            var form = Forms[i];
            if (string.IsNullOrWhiteSpace(form.FormId) || !form.FormId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
                yield return new($"{Section}:Forms:{i}:FormId is required and may hold only letters, digits, '_' and '-'.", [nameof(Forms)]);
            var (min, max) = form.Scale;
            if (min >= max)
                yield return new($"{Section}:Forms:{i}:ScaleMin must be below ScaleMax.", [nameof(Forms)]);
        }
        if (Forms.Select(f => f.FormId).Distinct(StringComparer.Ordinal).Count() != Forms.Count)
            yield return new($"{Section}:Forms lists a FormId twice.", [nameof(Forms)]);
        if (InitialLookback <= TimeSpan.Zero)
            yield return new($"{Section}:InitialLookback must be positive.", [nameof(InitialLookback)]);
        foreach (var error in Resilience.Validate(Section)) yield return error;
    }
}
