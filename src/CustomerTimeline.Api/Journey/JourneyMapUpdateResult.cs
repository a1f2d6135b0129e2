namespace CustomerTimeline.Api.Journey;

/// <summary>The outcome of updateJourneyMap: the active map afterwards and, when refused, why (each error names the bad part).</summary>
public sealed record JourneyMapUpdateResult(ActiveJourneyMap Map, bool Changed, IReadOnlyList<string> Errors);
