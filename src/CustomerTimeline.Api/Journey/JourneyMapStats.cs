namespace CustomerTimeline.Api.Journey;

/// <summary>The stats of every stage and touchpoint of one map version for one filter, and when they were computed.</summary>
public sealed record JourneyMapStats(
    int MapVersion, long TotalCustomers, IReadOnlyDictionary<string, JourneyStats> Stages, IReadOnlyDictionary<string, JourneyStats> Touchpoints)
{
    public DateTimeOffset ComputedAt { get; init; }
}
