using System.Globalization;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Journey;

namespace CustomerTimeline.Api.Timeline;

/// <summary>Which events of a timeline to return. Empty lists mean "any"; From is inclusive, To exclusive.</summary>
public sealed class TimelineFilter
{
    public static readonly TimelineFilter None = new();

    public IReadOnlyList<EventSource>? Sources { get; set; }
    public IReadOnlyList<EventKind>? Kinds { get; set; }
    public IReadOnlyList<Channel>? Channels { get; set; }
    /// <summary>Journey stage keys (journeyMap.stages.key).</summary>
    public IReadOnlyList<string>? Stages { get; set; }
    public DateTimeOffset? From { get; set; }
    public DateTimeOffset? To { get; set; }

    /// <param name="stages">The active journey map's stages by key: a key it does not have (a typo, a stage of an
    /// older map) would match nothing and answer an empty page that looks like "no events".</param>
    public static TimelineFilter Validate(TimelineFilter? filter, IReadOnlyDictionary<string, int> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        if (filter is null) return None;
        if (filter.From is { } from && filter.To is { } to && from >= to)
            throw new UserInputError("'filter.from' must be earlier than 'filter.to'.");
        if (filter.Stages is { Count: > 20 })
            throw new UserInputError("'filter.stages' may hold at most 20 keys.");
        if (filter.Stages?.FirstOrDefault(key => !stages.ContainsKey(key)) is { } unknown)
            throw UnknownStageError.Of("'filter.stages' holds", unknown, stages);
        return filter;
    }

    public IQueryable<TimelineEvent> Apply(IQueryable<TimelineEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (Sources is { Count: > 0 } sources) events = events.Where(e => sources.Contains(e.Source));
        if (Kinds is { Count: > 0 } kinds) events = events.Where(e => kinds.Contains(e.Kind));
        if (Channels is { Count: > 0 } channels) events = events.Where(e => channels.Contains(e.Channel));
        if (Stages is { Count: > 0 } stages) events = events.Where(e => e.StageKey != null && stages.Contains(e.StageKey));
        if (From is { } from) events = events.Where(e => e.OccurredAt >= from);
        if (To is { } to) events = events.Where(e => e.OccurredAt < to);
        return events;
    }

    public bool IsEmpty => Sources is not { Count: > 0 } && Kinds is not { Count: > 0 } && Channels is not { Count: > 0 }
        && Stages is not { Count: > 0 } && From is null && To is null;

    /// <summary>Canonical text of the filter, so equal filters share one batch.</summary>
    public string Key => string.Join('|',
        string.Join(',', (Sources ?? []).Order()),
        string.Join(',', (Kinds ?? []).Order()),
        string.Join(',', (Channels ?? []).Order()),
        string.Join(',', (Stages ?? []).Order(StringComparer.Ordinal)),
        From?.UtcTicks.ToString(CultureInfo.InvariantCulture),
        To?.UtcTicks.ToString(CultureInfo.InvariantCulture));
}
