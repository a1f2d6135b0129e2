using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Connectors;

/// <summary>
/// One vendor API read incrementally. A source has one or more streams (Zendesk: users, tickets, comments;
/// Dataverse: contacts, activities), each with its own opaque cursor that the sync engine stores
/// in the same transaction as the page it came with.
/// </summary>
public interface ISourceConnector
{
    EventSource Source { get; }

    /// <summary>False when the source has no configuration: it is off, and `sources` says so.</summary>
    bool IsConfigured { get; }

    /// <summary>Streams in the order a run reads them (people before the events that point at them).</summary>
    IReadOnlyList<string> Streams { get; }

    /// <summary>
    /// Reads the page that follows <paramref name="cursor"/> (null: from the configured start).
    /// Records that cannot be mapped come back as <see cref="UnmappableRecord"/>, never as an exception.
    /// </summary>
    Task<SourcePage> FetchPageAsync(string stream, string? cursor, CancellationToken cancellationToken);
}
