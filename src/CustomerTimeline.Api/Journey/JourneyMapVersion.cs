namespace CustomerTimeline.Api.Journey;

/// <summary>One stored version of the global journey map. Exactly one version is active at a time.</summary>
public sealed class JourneyMapVersion
{
    /// <summary>1, 2, 3...: a new version is added by each accepted change, never edited afterwards.</summary>
    public int Version { get; set; }
    public required string Name { get; set; }
    /// <summary>The map as JSON (the schema/journey-map.json format).</summary>
    public required string Json { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public bool IsActive { get; set; }
}
