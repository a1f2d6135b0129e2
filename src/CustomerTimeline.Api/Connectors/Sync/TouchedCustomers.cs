using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Api.Live;

namespace CustomerTimeline.Api.Connectors.Sync;

/// <summary>
/// The customers a run's committed pages changed, waiting for their insights: refreshed together (each once,
/// in the insights' own batches and transactions), then announced to live subscribers as updated.
/// </summary>
internal sealed class TouchedCustomers(CustomerInsights insights, ITimelineNotifier notifier, TimelineDbContext db)
{
    private readonly HashSet<long> _ids = [];

    /// <summary>Adds a page's customers; returns how many are waiting.</summary>
    public int Add(IReadOnlyCollection<long> customerIds)
    {
        _ids.UnionWith(customerIds);
        return _ids.Count;
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (_ids.Count == 0) return;
        var ids = _ids.ToList();
        // The page writer leaves the context empty after each page, and the refresh detaches what it tracked.
        await using (await ReplayableWrites.BeginAsync(db, cancellationToken))
            await insights.RefreshAsync(db, ids, cancellationToken);
        _ids.Clear();
        notifier.Published([], ids);
    }
}
