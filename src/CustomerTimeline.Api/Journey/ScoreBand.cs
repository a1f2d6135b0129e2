using System.ComponentModel;

namespace CustomerTimeline.Api.Journey;

/// <summary>Experience score bands: what Experience.band answers and the journey stats filter by.</summary>
[Description("A band of the experience score (Experience:LowBandBelow, Experience:HighBandFrom).")]
public enum ScoreBand
{
    Low,
    Medium,
    High,
}
