using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Journey;

/// <summary>
/// Per-customer aggregate of the events in one journey stage, rewritten by CustomerInsights whenever the
/// customer's events change. Global stats read these rows instead of the events.
/// </summary>
public sealed class CustomerJourneyStage : IJourneyReach
{
    public long CustomerId { get; set; }
    [HotReadShared]
    public required string StageKey { get; set; }
    public DateTimeOffset FirstReachedAt { get; set; }
    public DateTimeOffset LastReachedAt { get; set; }
    /// <summary>Days from the customer's first event (any kind) to the first event in this stage.</summary>
    public double DaysToReach { get; set; }
    public int EventCount { get; set; }
    public double SentimentSum { get; set; }
    public int SentimentCount { get; set; }
    public int NegativeCount { get; set; }
}
