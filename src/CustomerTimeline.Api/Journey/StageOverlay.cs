namespace CustomerTimeline.Api.Journey;

/// <summary>One stage of a customer's journey: reached or not, and their aggregate there.</summary>
public sealed record StageOverlay(CustomerJourneyView Journey, StageDefinition Stage, int Order, CustomerJourneyStage? Row, bool Skipped, bool Current);
