namespace CustomerTimeline.Api.Journey;

/// <summary>Experience score bands (Experience:LowBandBelow, Experience:HighFrom).</summary>
public enum ScoreBand
{
    Low,
    Medium,
    High,
}
