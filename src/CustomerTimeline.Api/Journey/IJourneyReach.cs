namespace CustomerTimeline.Api.Journey;

/// <summary>The totals a stage row and a touchpoint row both keep, so new events fold into either the same way.</summary>
public interface IJourneyReach
{
    DateTimeOffset FirstReachedAt { get; set; }
    DateTimeOffset LastReachedAt { get; set; }
    double DaysToReach { get; set; }
    int EventCount { get; set; }
    double SentimentSum { get; set; }
    int SentimentCount { get; set; }
    int NegativeCount { get; set; }
}
