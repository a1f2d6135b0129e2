namespace CustomerTimeline.Api.Journey;

/// <summary>A stage of a map version, as GraphQL resolves it.</summary>
public sealed record StageView(ActiveJourneyMap Map, StageDefinition Stage, int Order);
