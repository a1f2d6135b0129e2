using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Connectors;

/// <summary>
/// The record ids a source's events are stored under, in order, for a connector that asks its source which of them
/// still exist (a source whose incremental read cannot say what was deleted).
/// </summary>
public interface IStoredRecordIds
{
    /// <summary>
    /// Up to <paramref name="take"/> ids of <paramref name="source"/>'s events starting with <paramref name="prefix"/>,
    /// after <paramref name="after"/> (null: from the first), last changed at the source before
    /// <paramref name="changedBefore"/>, in the database's order.
    /// </summary>
    Task<IReadOnlyList<string>> PageAsync(EventSource source, string prefix, string? after, DateTimeOffset changedBefore, int take,
        CancellationToken cancellationToken);
}
