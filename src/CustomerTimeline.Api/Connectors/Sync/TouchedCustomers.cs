using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Api.Live;

namespace CustomerTimeline.Api.Connectors.Sync;

/// <summary>
/// The customers a run's committed pages changed, waiting for their insights: refreshed together (each once,
/// in the insights' own batches and transactions), then announced to live subscribers as updated. Those another
/// running sync also touched are left to it (<see cref="SyncRefreshRegistry"/>).
/// </summary>
internal sealed class TouchedCustomers : IDisposable
{
    private readonly CustomerInsights _insights;
    private readonly ITimelineNotifier _notifier;
    private readonly TimelineDbContext _db;
    private readonly SyncRefreshRegistry _registry;
    private readonly TimeProvider _time;
    private readonly HashSet<long> _pending;
    private DateTimeOffset? _waitingSince;

    public TouchedCustomers(CustomerInsights insights, ITimelineNotifier notifier, TimelineDbContext db,
        SyncRefreshRegistry registry, TimeProvider time)
    {
        _insights = insights;
        _notifier = notifier;
        _db = db;
        _registry = registry;
        _time = time;
        _pending = registry.Join();
    }

    /// <summary>Adds a page's customers; returns how many are waiting.</summary>
    public int Add(IReadOnlyCollection<long> customerIds)
    {
        if (customerIds.Count > 0) _waitingSince ??= _time.GetUtcNow();
        return _registry.Add(_pending, customerIds);
    }

    /// <summary>How long the oldest waiting customer has waited.</summary>
    public TimeSpan Waited => _waitingSince is { } since ? _time.GetUtcNow() - since : TimeSpan.Zero;

    /// <summary>Refreshes what waits; <paramref name="last"/> (the run's end) leaves to other runs what they hold.</summary>
    public async Task RefreshAsync(bool last, CancellationToken cancellationToken)
    {
        var ids = _registry.Take(_pending, handOver: last);
        _waitingSince = null;
        if (ids.Count == 0) return;
        // The page writer leaves the context empty after each page, and the refresh detaches what it tracked.
        await using (await ReplayableWrites.BeginAsync(_db, cancellationToken))
            await _insights.RefreshAsync(_db, ids, cancellationToken);
        _notifier.Published([], ids);
    }

    public void Dispose() => _registry.Leave(_pending);
}
