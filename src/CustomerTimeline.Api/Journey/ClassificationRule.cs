using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Journey;

/// <summary>
/// Puts an event into <see cref="Touchpoint"/> when every condition given matches (absent conditions match
/// anything; lists match any of their values). Evaluated in the map's order; the first match wins.
/// </summary>
public sealed record ClassificationRule(string Touchpoint, RuleConditions When, string? Id = null);

public sealed record RuleConditions
{
    public IReadOnlyList<EventSource>? Sources { get; init; }
    public IReadOnlyList<EventKind>? Kinds { get; init; }
    public IReadOnlyList<Channel>? Channels { get; init; }
    /// <summary>Glob on the path of any visited page, e.g. "/pricing*" or "/docs/*".</summary>
    public IReadOnlyList<string>? UrlPatterns { get; init; }
    public IReadOnlyList<string>? ReferrerTypes { get; init; }
    public IReadOnlyList<string>? Goals { get; init; }
    public IReadOnlyList<string>? TicketTags { get; init; }
    public IReadOnlyList<string>? TicketTypes { get; init; }
    public IReadOnlyList<string>? SurveyTypes { get; init; }
    public int? ScoreMin { get; init; }
    public int? ScoreMax { get; init; }
    public IReadOnlyList<string>? ActivityTypes { get; init; }
    /// <summary>Case-insensitive words of which the title or subject must contain one.</summary>
    public IReadOnlyList<string>? SubjectContains { get; init; }
    public IReadOnlyList<string>? LifecycleStages { get; init; }
    /// <summary>Days since the customer's first purchase-stage event; no purchase yet never matches.</summary>
    public int? MinDaysSincePurchase { get; init; }
    public int? MaxDaysSincePurchase { get; init; }

    public bool DependsOnPurchase => MinDaysSincePurchase is not null || MaxDaysSincePurchase is not null;
}
