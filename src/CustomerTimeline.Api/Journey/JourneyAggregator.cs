using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Journey;

/// <summary>
/// Builds one customer's journey aggregates from their classified events: a row per stage reached, per touchpoint
/// reached and per (touchpoint, channel), plus the current stage (the furthest stage reached in map order).
/// </summary>
public static class JourneyAggregator
{
    public sealed record Result(
        IReadOnlyList<CustomerJourneyStage> Stages,
        IReadOnlyList<CustomerTouchpoint> Touchpoints,
        IReadOnlyList<CustomerChannelUse> Channels,
        string? CurrentStageKey,
        DateTimeOffset? FirstEventAt,
        DateTimeOffset? LastEventAt);

    public static Result Aggregate(long customerId, IReadOnlyList<TimelineEvent> events, JourneyMapDefinition map, double negativeBelow)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(map);
        if (events.Count == 0) return new Result([], [], [], null, null, null);

        var firstAt = events.Min(e => e.OccurredAt);
        var lastAt = events.Max(e => e.OccurredAt);
        // All the events folded into no rows: one counting path for a full rebuild and an incremental refresh.
        List<CustomerJourneyStage> stages = [];
        List<CustomerTouchpoint> touchpoints = [];
        List<CustomerChannelUse> channels = [];
        var (_, current) = Fold(customerId, events, firstAt, stages, touchpoints, channels, map, negativeBelow);
        return new Result(stages, touchpoints, channels, current, firstAt, lastAt);
    }

    /// <summary>
    /// Folds a customer's newly classified events into their stored rows (changed in place; rows for stages,
    /// touchpoints and channels reached for the first time are appended to the lists and returned). The same
    /// totals as <see cref="Aggregate"/> over all the events, without reading the old ones again.
    /// </summary>
    public static (List<object> Added, string? CurrentStageKey) Fold(
        long customerId, IReadOnlyList<TimelineEvent> added, DateTimeOffset firstEventAt, List<CustomerJourneyStage> stages,
        List<CustomerTouchpoint> touchpoints, List<CustomerChannelUse> channels, JourneyMapDefinition map, double negativeBelow)
    {
        ArgumentNullException.ThrowIfNull(added);
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(touchpoints);
        ArgumentNullException.ThrowIfNull(channels);
        var rows = new List<object>();
        T RowOf<T>(List<T> list, Func<T, bool> match, Func<T> create) where T : class
        {
            var row = list.Find(r => match(r));
            if (row is not null) return row;
            row = create();
            list.Add(row);
            rows.Add(row);
            return row;
        }

        foreach (var e in added)
        {
            if (e.StageKey is not { } stageKey || e.TouchpointKey is not { } touchpointKey) continue;
            Count(RowOf(stages, r => r.StageKey == stageKey,
                () => new CustomerJourneyStage { CustomerId = customerId, StageKey = stageKey, FirstReachedAt = e.OccurredAt, LastReachedAt = e.OccurredAt }), e, negativeBelow);
            Count(RowOf(touchpoints, r => r.TouchpointKey == touchpointKey,
                () => new CustomerTouchpoint { CustomerId = customerId, TouchpointKey = touchpointKey, StageKey = stageKey, FirstReachedAt = e.OccurredAt, LastReachedAt = e.OccurredAt }), e, negativeBelow);
            RowOf(channels, r => r.TouchpointKey == touchpointKey && r.Channel == e.Channel,
                () => new CustomerChannelUse { CustomerId = customerId, TouchpointKey = touchpointKey, Channel = e.Channel, StageKey = stageKey }).EventCount++;
        }
        // An earlier first event moves every row's days-to-reach, not only the rows the new events reached.
        foreach (var row in stages) row.DaysToReach = DaysBetween(firstEventAt, row.FirstReachedAt);
        foreach (var row in touchpoints) row.DaysToReach = DaysBetween(firstEventAt, row.FirstReachedAt);

        var order = StageOrder(map);
        return (rows, stages.Where(s => order.ContainsKey(s.StageKey)).MaxBy(s => order[s.StageKey])?.StageKey);
    }

    private static void Count(IJourneyReach row, TimelineEvent e, double negativeBelow)
    {
        if (e.OccurredAt < row.FirstReachedAt) row.FirstReachedAt = e.OccurredAt;
        if (e.OccurredAt > row.LastReachedAt) row.LastReachedAt = e.OccurredAt;
        row.EventCount++;
        if (e.Sentiment is not { } s) return;
        row.SentimentSum += s;
        row.SentimentCount++;
        if (s < negativeBelow) row.NegativeCount++;
    }

    public static Dictionary<string, int> StageOrder(JourneyMapDefinition map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.Stages.Select((s, i) => (s.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
    }

    /// <summary>Whole days and fractions, rounded to the second so both providers store the same value.</summary>
    public static double DaysBetween(DateTimeOffset from, DateTimeOffset to) => Math.Round((to - from).TotalDays, 6);
}
