namespace CustomerTimeline.Api.Journey;

/// <summary>Per-customer aggregate of the events at one touchpoint; same shape as <see cref="CustomerJourneyStage"/>.</summary>
public sealed class CustomerTouchpoint : IJourneyReach
{
    public long CustomerId { get; set; }
    public required string TouchpointKey { get; set; }
    public required string StageKey { get; set; }
    public DateTimeOffset FirstReachedAt { get; set; }
    public DateTimeOffset LastReachedAt { get; set; }
    public double DaysToReach { get; set; }
    public int EventCount { get; set; }
    public double SentimentSum { get; set; }
    public int SentimentCount { get; set; }
    public int NegativeCount { get; set; }
}
