using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Journey;

/// <summary>How many of a customer's events at a touchpoint came through each channel (channel preference).</summary>
public sealed class CustomerChannelUse
{
    public long CustomerId { get; set; }
    public required string TouchpointKey { get; set; }
    public Channel Channel { get; set; }
    public required string StageKey { get; set; }
    public int EventCount { get; set; }
}
