namespace CustomerTimeline.Api.Journey;

/// <summary>Reach, drop-off, timing, channels and feel of one stage or touchpoint.</summary>
public sealed record JourneyStats(
    long CustomersReached,
    double Share,
    double? DropOffFromPrevious,
    double? MedianDaysToReach,
    IReadOnlyList<ChannelShare> ChannelPreference,
    double? AverageSentiment,
    long Events,
    long NegativeEvents)
{
    public static readonly JourneyStats Empty = new(0, 0, null, null, [], null, 0, 0);
}
