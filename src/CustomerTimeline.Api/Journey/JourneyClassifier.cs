using System.Buffers;
using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Journey;

/// <summary>
/// Places timeline events on the journey map: the first rule whose conditions all match names the
/// touchpoint, and the touchpoint names the stage. Pure and thread-safe; one instance per map version.
/// </summary>
public sealed class JourneyClassifier
{
    private readonly JourneyMapDefinition _map;
    private readonly Dictionary<string, string> _stageOfTouchpoint;
    private readonly HashSet<string> _purchaseTouchpoints;
    // Every rule is tried on every event of a refreshed customer: keyword lists are searched as one set.
    private readonly Dictionary<RuleConditions, SearchValues<string>> _subjectWords;
    // Which kinds of details each rule has conditions on, worked out once: a rule about tickets is then skipped for a
    // visit without looking further (every rule is tried on every event).
    private readonly Dictionary<RuleConditions, Facets> _facets;

    public JourneyClassifier(JourneyMapDefinition map)
    {
        ArgumentNullException.ThrowIfNull(map);
        _map = map;
        _stageOfTouchpoint = map.Touchpoints.ToDictionary(t => t.Key, t => t.Stage, StringComparer.Ordinal);
        _purchaseTouchpoints = map.Touchpoints.Where(t => t.Stage == "purchase").Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        _subjectWords = new Dictionary<RuleConditions, SearchValues<string>>(ReferenceEqualityComparer.Instance);
        _facets = new Dictionary<RuleConditions, Facets>(ReferenceEqualityComparer.Instance);
        foreach (var rule in map.Rules)
        {
            if (rule.When.SubjectContains is { Count: > 0 } words)
                _subjectWords.TryAdd(rule.When, SearchValues.Create([.. words], StringComparison.OrdinalIgnoreCase));
            _facets.TryAdd(rule.When, FacetsOf(rule.When));
        }
    }

    public JourneyMapDefinition Map => _map;

    /// <summary>The (stage, touchpoint) of one event, or nulls when no rule matches.</summary>
    public (string? Stage, string? Touchpoint) Classify(TimelineEvent e, DateTimeOffset? purchasedAt)
    {
        ArgumentNullException.ThrowIfNull(e);
        string[]? paths = null;
        foreach (var rule in _map.Rules)
        {
            if (!Matches(rule.When, e, purchasedAt, ref paths)) continue;
            return (_stageOfTouchpoint[rule.Touchpoint], rule.Touchpoint);
        }
        return (null, null);
    }

    /// <summary>
    /// Classifies a customer's events and sets StageKey/TouchpointKey on them. Purchase time is the first event
    /// that lands in the purchase stage ignoring time-dependent rules, so "days since purchase" rules can apply.
    /// Returns that purchase time.
    /// </summary>
    public DateTimeOffset? ClassifyAll(IReadOnlyList<TimelineEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var purchasedAt = FindPurchase(events);
        Classify(events, purchasedAt);
        return purchasedAt;
    }

    /// <summary>Classifies these events against a purchase time found before (an incremental refresh's new events).</summary>
    public void Classify(IReadOnlyList<TimelineEvent> events, DateTimeOffset? purchasedAt)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            var (stage, touchpoint) = Classify(e, purchasedAt);
            e.StageKey = stage;
            e.TouchpointKey = touchpoint;
        }
    }

    /// <summary>The earliest purchase among these events; over a union of sets it is the earliest of each set's.</summary>
    public DateTimeOffset? FindPurchase(IReadOnlyList<TimelineEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        DateTimeOffset? first = null;
        foreach (var e in events)
        {
            if (first is not null && e.OccurredAt >= first) continue;
            string[]? paths = null;
            foreach (var rule in _map.Rules)
            {
                if (rule.When.DependsOnPurchase || !Matches(rule.When, e, null, ref paths)) continue;
                if (_purchaseTouchpoints.Contains(rule.Touchpoint)) first = e.OccurredAt;
                break;
            }
        }
        return first;
    }

    public bool IsPurchaseTouchpoint(string? touchpoint) => touchpoint is not null && _purchaseTouchpoints.Contains(touchpoint);

    /// <summary><paramref name="paths"/>: the visited pages' paths, worked out for the first rule that needs them.</summary>
    private bool Matches(RuleConditions w, TimelineEvent e, DateTimeOffset? purchasedAt, ref string[]? paths)
    {
        if (w.Sources is { Count: > 0 } && !w.Sources.Contains(e.Source)) return false;
        if (w.Kinds is { Count: > 0 } && !w.Kinds.Contains(e.Kind)) return false;
        if (w.Channels is { Count: > 0 } && !w.Channels.Contains(e.Channel)) return false;
        if (w.DependsOnPurchase)
        {
            if (purchasedAt is null) return false;
            var days = (e.OccurredAt - purchasedAt.Value).TotalDays;
            if (w.MinDaysSincePurchase is { } min && days < min) return false;
            if (w.MaxDaysSincePurchase is { } max && days > max) return false;
        }

        // Parsed once per loaded event (the purchase pass, this pass and the scorer share it).
        var details = e.ParsedDetails;
        // A condition about another kind of event never matches this one.
        var facets = _facets[w];
        var allowed = details switch
        {
            WebVisitDetails => Facets.Visit,
            TicketDetails => Facets.Ticket,
            SurveyAnswerDetails => Facets.Survey | Facets.Score,
            CrmActivityDetails => Facets.Activity,
            ContactChangeDetails => Facets.Lifecycle,
            _ => Facets.None,
        };
        if ((facets & ~allowed) != 0) return false;
        if (w.SubjectContains is { Count: > 0 } && !MentionsAny(e, details, _subjectWords[w])) return false;

        return details switch
        {
            WebVisitDetails v => MatchesVisit(w, v, ref paths),
            TicketDetails t => AnyOf(w.TicketTags, t.Tags) && AnyOf(w.TicketTypes, t.Type),
            SurveyAnswerDetails s => AnyOf(w.SurveyTypes, s.SurveyType) && (w.ScoreMin is null || s.Score >= w.ScoreMin) && (w.ScoreMax is null || s.Score <= w.ScoreMax),
            CrmActivityDetails a => AnyOf(w.ActivityTypes, a.ActivityType),
            ContactChangeDetails c => AnyOf(w.LifecycleStages, c.LifecycleStage),
            _ => true,
        };
    }

    private static Facets FacetsOf(RuleConditions w)
    {
        var facets = Facets.None;
        if (Any(w.UrlPatterns) || Any(w.ReferrerTypes) || Any(w.Goals)) facets |= Facets.Visit;
        if (Any(w.TicketTags) || Any(w.TicketTypes)) facets |= Facets.Ticket;
        if (Any(w.SurveyTypes)) facets |= Facets.Survey;
        if (w.ScoreMin is not null || w.ScoreMax is not null) facets |= Facets.Score;
        if (Any(w.ActivityTypes)) facets |= Facets.Activity;
        if (Any(w.LifecycleStages)) facets |= Facets.Lifecycle;
        return facets;

        static bool Any(IReadOnlyList<string>? list) => list is { Count: > 0 };
    }

    private static bool MatchesVisit(RuleConditions w, WebVisitDetails v, ref string[]? paths)
    {
        if (w.UrlPatterns is { Count: > 0 } patterns)
        {
            paths ??= [.. v.Pages.Select(p => UrlGlob.PathOf(p.Url))];
            if (!MatchesAny(paths, patterns)) return false;
        }
        return AnyOf(w.ReferrerTypes, v.ReferrerType) && AnyOf(w.Goals, v.Goals);
    }

    // Loops over indexes: no closure or boxed enumerator per rule and event.
    private static bool MatchesAny(string[] paths, IReadOnlyList<string> patterns)
    {
        foreach (var path in paths)
        {
            for (var i = 0; i < patterns.Count; i++)
            {
                if (UrlGlob.IsMatch(path, patterns[i])) return true;
            }
        }
        return false;
    }

    /// <summary>The title, or for activities and tickets their subject or the title, contains one of the words.</summary>
    private static bool MentionsAny(TimelineEvent e, EventDetails details, SearchValues<string> words)
    {
        var subject = details switch
        {
            CrmActivityDetails a => a.Subject,
            TicketDetails t => t.Subject,
            _ => null,
        };
        return e.Title.AsSpan().ContainsAny(words) || (subject is not null && subject.AsSpan().ContainsAny(words));
    }

    private static bool AnyOf(IReadOnlyList<string>? wanted, string? actual)
    {
        if (wanted is not { Count: > 0 }) return true;
        if (actual is null) return false;
        for (var i = 0; i < wanted.Count; i++)
        {
            if (string.Equals(wanted[i], actual, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static bool AnyOf(IReadOnlyList<string>? wanted, IReadOnlyList<string> actual)
    {
        if (wanted is not { Count: > 0 }) return true;
        for (var i = 0; i < actual.Count; i++)
        {
            if (AnyOf(wanted, actual[i])) return true;
        }
        return false;
    }

    [Flags]
    private enum Facets
    {
        None = 0,
        Visit = 1,
        Ticket = 2,
        Survey = 4,
        Score = 8,
        Activity = 16,
        Lifecycle = 32,
    }
}
