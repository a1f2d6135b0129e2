using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Connectors.Sync;

/// <summary>
/// Reads through a context of its own: a connector's next page is fetched while the run's writer still writes the
/// previous one on the run's context, which is not thread-safe.
/// </summary>
internal sealed class StoredRecordIds(IServiceScopeFactory scopes) : IStoredRecordIds
{
    public async Task<IReadOnlyList<string>> PageAsync(EventSource source, string prefix, string? after, DateTimeOffset changedBefore,
        int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        var from = after ?? prefix;
        // The (Source, SourceRecordId) index serves the range; the prefix bounds it.
        return await db.Events
            .Where(e => e.Source == source && e.SourceRecordId.StartsWith(prefix) && string.Compare(e.SourceRecordId, from) > 0
                && e.SourceUpdatedAt < changedBefore)
            .OrderBy(e => e.SourceRecordId)
            .Select(e => e.SourceRecordId)
            .Take(take)
            .ToListAsync(cancellationToken);
    }
}
