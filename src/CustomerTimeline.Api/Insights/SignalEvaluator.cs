using System.Globalization;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Journey;

namespace CustomerTimeline.Api.Insights;

/// <summary>Evaluates the automation rules on one customer's events and journey position.</summary>
public sealed class SignalEvaluator(IReadOnlyList<AutomationRule> rules, ExperienceOptions options)
{
    public sealed record Context(
        IReadOnlyList<TimelineEvent> Events,
        DateTimeOffset Now,
        string? CurrentStageKey,
        IReadOnlyList<CustomerJourneyStage> Stages,
        JourneyMapDefinition Map,
        IReadOnlyList<CustomerSignal> PastSignals,
        // The first event in the current stage, when Events is only a recent window that may not reach back to it.
        long? CurrentStageEventId = null);

    /// <summary>How far back from now the rules read events other than survey answers (tickets aside: a solved ticket may be older).</summary>
    public int LookbackDays => rules.Count == 0 ? 0 : rules.Max(r => Reach(r).Events);

    /// <summary>How far back from now the rules read survey answers.</summary>
    public int SurveyLookbackDays => rules.Count == 0 ? 0 : rules.Max(r => Reach(r).Surveys);

    /// <summary>How far back from now the rules read when tickets were solved (a ticket opened long before may have been solved since).</summary>
    public int SolvedLookbackDays => rules.Where(r => r.Trigger == AutomationTrigger.SurveyDue).Select(r => r.WithinDays ?? 0).DefaultIfEmpty(0).Max();

    /// <summary>Which events a rule reads, by how far back: survey answers, or the others (tickets are read whatever their age).</summary>
    private (int Events, int Surveys) Reach(AutomationRule rule) => rule.Trigger switch
    {
        AutomationTrigger.SurveyScore or AutomationTrigger.SurveyDue => (0, DaysBack(rule)),
        AutomationTrigger.RepeatedProblem => (DaysBack(rule), 0),
        _ => (DaysBack(rule), DaysBack(rule)),
    };

    /// <summary>How far back one rule reads: the window its evaluation below uses (the larger of two for SurveyDue).</summary>
    private int DaysBack(AutomationRule rule) => rule.Trigger switch
    {
        AutomationTrigger.SurveyScore => rule.WithinDays ?? 365,
        AutomationTrigger.RepeatedProblem => rule.WithinDays ?? options.WindowDays,
        AutomationTrigger.SurveyDue => Math.Max(rule.WithinDays ?? 0, rule.FatigueDays ?? 0),
        AutomationTrigger.Intent => rule.WithinDays ?? 14,
        _ => 0,
    };

    public IReadOnlyList<SignalDraft> Evaluate(Context context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var drafts = new List<SignalDraft>();
        foreach (var rule in rules)
        {
            var draft = rule.Trigger switch
            {
                AutomationTrigger.SurveyScore => SurveyScore(rule, context),
                AutomationTrigger.RepeatedProblem => RepeatedProblem(rule, context),
                AutomationTrigger.Stall => Stall(rule, context),
                AutomationTrigger.SurveyDue => SurveyDue(rule, context),
                AutomationTrigger.Intent => Intent(rule, context),
                _ => null,
            };
            if (draft is not null) drafts.Add(draft);
        }
        return drafts;
    }

    private SignalDraft? SurveyScore(AutomationRule rule, Context c)
    {
        var from = c.Now.AddDays(-DaysBack(rule));
        var latest = c.Events
            .Where(e => e.Kind == EventKind.SurveyAnswer && e.OccurredAt >= from && e.OccurredAt <= c.Now
                && rule.SurveyTypes!.Contains(e.DetailsAs<SurveyAnswerDetails>().SurveyType, StringComparer.OrdinalIgnoreCase))
            .MaxBy(e => (e.OccurredAt, e.Id));
        if (latest is null) return null;
        var s = latest.DetailsAs<SurveyAnswerDetails>();
        if (s.Score < (rule.ScoreMin ?? int.MinValue) || s.Score > (rule.ScoreMax ?? int.MaxValue)) return null;
        return Draft(rule, [latest.Id], latest.OccurredAt, new()
        {
            ["score"] = s.Score.ToString(CultureInfo.InvariantCulture),
            ["surveyType"] = s.SurveyType,
            ["date"] = Date(latest.OccurredAt),
        });
    }

    private SignalDraft? RepeatedProblem(AutomationRule rule, Context c)
    {
        var from = c.Now.AddDays(-DaysBack(rule));
        var episodes = RepeatedProblemDetector.Detect(c.Events, from, c.Now, options.RepeatedProblem, options.NegativeSentimentBelow);
        if (episodes.Count == 0) return null;
        var top = episodes[0];
        return Draft(rule, episodes.SelectMany(e => e.EventIds).Distinct().ToList(), episodes.Max(e => e.LastAt), new()
        {
            ["problem"] = top.Problem,
            ["count"] = top.EventIds.Count.ToString(CultureInfo.InvariantCulture),
            ["days"] = Math.Max(1, Math.Ceiling((top.LastAt - top.FirstAt).TotalDays)).ToString(CultureInfo.InvariantCulture),
            ["date"] = Date(top.LastAt),
        });
    }

    private static SignalDraft? Stall(AutomationRule rule, Context c)
    {
        if (c.CurrentStageKey is not { } stage) return null;
        if (rule.Stages is { Count: > 0 } && !rule.Stages.Contains(stage, StringComparer.Ordinal)) return null;
        var row = c.Stages.FirstOrDefault(s => s.StageKey == stage);
        if (row is null) return null;
        var limit = rule.StageDays is not null && rule.StageDays.TryGetValue(stage, out var d) ? d : rule.Days!.Value;
        var since = (c.Now - row.FirstReachedAt).TotalDays;
        if (since < limit) return null;
        var entered = c.CurrentStageEventId ?? c.Events.Where(e => e.StageKey == stage).MinBy(e => (e.OccurredAt, e.Id))?.Id;
        return Draft(rule, entered is null ? [] : [entered.Value], row.FirstReachedAt, new()
        {
            ["stage"] = c.Map.Stages.FirstOrDefault(s => s.Key == stage)?.Name ?? stage,
            ["days"] = Math.Floor(since).ToString(CultureInfo.InvariantCulture),
            ["date"] = Date(row.FirstReachedAt),
        });
    }

    private static SignalDraft? SurveyDue(AutomationRule rule, Context c)
    {
        var from = c.Now.AddDays(-rule.WithinDays!.Value);
        var solved = c.Events
            .Where(e => e.Kind == EventKind.Ticket)
            .Select(e => (Event: e, SolvedAt: e.DetailsAs<TicketDetails>().SolvedAt))
            .Where(t => t.SolvedAt is { } s && s >= from && s <= c.Now)
            .OrderByDescending(t => t.SolvedAt).ThenByDescending(t => t.Event.Id)
            .FirstOrDefault();
        if (solved.Event is null) return null;
        var solvedAt = solved.SolvedAt!.Value;
        if (c.Events.Any(e => e.Kind == EventKind.SurveyAnswer && e.OccurredAt >= solvedAt)) return null;

        // Fatigue: surveys asked (past signals of this rule) or answered in the fatigue window, the open one aside.
        var fatigueFrom = c.Now.AddDays(-rule.FatigueDays!.Value);
        var asked = c.PastSignals.Count(s => s.RuleId == rule.Id && s.RaisedAt >= fatigueFrom && s.ResolvedAt is not null);
        var answered = c.Events.Count(e => e.Kind == EventKind.SurveyAnswer && e.OccurredAt >= fatigueFrom && e.OccurredAt <= c.Now);
        if (Math.Max(asked, answered) >= rule.FatigueMax!.Value) return null;

        return Draft(rule, [solved.Event.Id], solvedAt, new() { ["date"] = Date(solvedAt) });
    }

    private SignalDraft? Intent(AutomationRule rule, Context c)
    {
        var from = c.Now.AddDays(-DaysBack(rule));
        var wanted = rule.Intents!;
        var hits = c.Events
            .Where(e => e.Urgent && e.OccurredAt >= from && e.OccurredAt <= c.Now)
            .Select(e => (Event: e, Intents: (e.Intents ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Where(i => wanted.Contains(i, StringComparer.Ordinal)).ToList()))
            .Where(h => h.Intents.Count > 0)
            .OrderByDescending(h => h.Event.OccurredAt).ThenByDescending(h => h.Event.Id)
            .ToList();
        if (hits.Count == 0) return null;
        return Draft(rule, hits.Take(10).Select(h => h.Event.Id).ToList(), hits[0].Event.OccurredAt, new()
        {
            ["intents"] = string.Join(", ", hits.SelectMany(h => h.Intents).Distinct()),
            ["date"] = Date(hits[0].Event.OccurredAt),
            ["count"] = hits.Count.ToString(CultureInfo.InvariantCulture),
        });
    }

    private static SignalDraft Draft(AutomationRule rule, IReadOnlyList<long> eventIds, DateTimeOffset triggeredAt, Dictionary<string, string> values) =>
        new(rule.Id, rule.Id, rule.Signal, rule.Severity, Fill(rule.Reason, values), eventIds.Take(50).ToList(), triggeredAt,
            rule.Action is { } a ? a with { Title = Fill(a.Title, values) } : null);

    private static string Fill(string template, Dictionary<string, string> values)
    {
        var text = template;
        foreach (var (key, value) in values)
            text = text.Replace("{" + key + "}", value, StringComparison.Ordinal);
        return text.Length <= 300 ? text : text[..300];
    }

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
