namespace CustomerTimeline.Api.Connectors;

/// <summary>
/// Optional for a connector: maps a raw payload it once returned as <see cref="UnmappableRecord"/> again,
/// so a dead letter can be retried after a mapper fix. Without it, dead letters of that source cannot be retried.
/// </summary>
public interface IRemappingConnector
{
    /// <summary>The record the payload maps to now; an <see cref="UnmappableRecord"/> when it still cannot be read.</summary>
    SourceRecord Remap(string stream, string payload);
}
