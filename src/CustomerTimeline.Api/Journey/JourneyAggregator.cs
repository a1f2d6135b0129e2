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
        var classified = events.Where(e => e.StageKey is not null && e.TouchpointKey is not null).ToList();

        var stages = classified.GroupBy(e => e.StageKey!, StringComparer.Ordinal).Select(g =>
        {
            var (first, last, count, sum, sentiments, negative) = Totals(g, negativeBelow);
            return new CustomerJourneyStage
            {
                CustomerId = customerId, StageKey = g.Key, FirstReachedAt = first, LastReachedAt = last,
                DaysToReach = DaysBetween(firstAt, first), EventCount = count, SentimentSum = sum, SentimentCount = sentiments,
                NegativeCount = negative,
            };
        }).ToList();

        var touchpoints = classified.GroupBy(e => e.TouchpointKey!, StringComparer.Ordinal).Select(g =>
        {
            var (first, last, count, sum, sentiments, negative) = Totals(g, negativeBelow);
            return new CustomerTouchpoint
            {
                CustomerId = customerId, TouchpointKey = g.Key, StageKey = g.First().StageKey!, FirstReachedAt = first, LastReachedAt = last,
                DaysToReach = DaysBetween(firstAt, first), EventCount = count, SentimentSum = sum, SentimentCount = sentiments,
                NegativeCount = negative,
            };
        }).ToList();

        var channels = classified.GroupBy(e => (Touchpoint: e.TouchpointKey!, e.Channel)).Select(g => new CustomerChannelUse
        {
            CustomerId = customerId, TouchpointKey = g.Key.Touchpoint, Channel = g.Key.Channel, StageKey = g.First().StageKey!,
            EventCount = g.Count(),
        }).ToList();

        var order = StageOrder(map);
        var current = stages.Where(s => order.ContainsKey(s.StageKey)).MaxBy(s => order[s.StageKey])?.StageKey;
        return new Result(stages, touchpoints, channels, current, firstAt, lastAt);
    }

    public static Dictionary<string, int> StageOrder(JourneyMapDefinition map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.Stages.Select((s, i) => (s.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
    }

    /// <summary>Whole days and fractions, rounded to the second so both providers store the same value.</summary>
    public static double DaysBetween(DateTimeOffset from, DateTimeOffset to) => Math.Round((to - from).TotalDays, 6);

    private static (DateTimeOffset First, DateTimeOffset Last, int Count, double Sum, int Sentiments, int Negative) Totals(
        IEnumerable<TimelineEvent> events, double negativeBelow)
    {
        DateTimeOffset first = DateTimeOffset.MaxValue, last = DateTimeOffset.MinValue;
        int count = 0, sentiments = 0, negative = 0;
        double sum = 0;
        foreach (var e in events)
        {
            if (e.OccurredAt < first) first = e.OccurredAt;
            if (e.OccurredAt > last) last = e.OccurredAt;
            count++;
            if (e.Sentiment is { } s)
            {
                sum += s;
                sentiments++;
                if (s < negativeBelow) negative++;
            }
        }
        return (first, last, count, sum, sentiments, negative);
    }
}
