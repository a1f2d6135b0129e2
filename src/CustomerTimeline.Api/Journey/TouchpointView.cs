namespace CustomerTimeline.Api.Journey;

/// <summary>A touchpoint of a map version, as GraphQL resolves it.</summary>
public sealed record TouchpointView(ActiveJourneyMap Map, TouchpointDefinition Touchpoint);
