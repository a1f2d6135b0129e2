namespace CustomerTimeline.Api.Connectors;

/// <summary>
/// Maps a raw payload a connector once returned as <see cref="UnmappableRecord"/> again, so a dead letter can be
/// retried after a mapper fix, a configuration change, or once what it needed from the vendor can be read.
/// </summary>
public interface IRemappingConnector
{
    /// <summary>
    /// The records the payload maps to now, as a sync would write them: an <see cref="UnmappableRecord"/> when it still
    /// cannot be read, none when nothing is left to store. Throws what a page read throws when the vendor must be asked
    /// and cannot answer.
    /// </summary>
    Task<IReadOnlyList<SourceRecord>> RemapAsync(string stream, string payload, CancellationToken cancellationToken);
}
