using System.ComponentModel;

namespace CustomerTimeline.Api.Insights;

/// <summary>Where the experience score went over its history: beyond Experience:TrendThreshold either way, or not.</summary>
[Description("Where the experience score went over its trend's window.")]
public enum TrendDirection
{
    Up,
    Down,
    Flat,
}
