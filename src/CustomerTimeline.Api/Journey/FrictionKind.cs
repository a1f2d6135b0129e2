namespace CustomerTimeline.Api.Journey;

public enum FrictionKind
{
    /// <summary>An event whose sentiment is below Experience:NegativeSentimentBelow.</summary>
    NegativeEvent,
    /// <summary>The customer has not moved past this stage for longer than the stall rule allows.</summary>
    Stall,
}
