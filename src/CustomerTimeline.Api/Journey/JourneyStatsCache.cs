using System.Collections.Concurrent;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Api.Telemetry;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Journey;

/// <summary>
/// Global stats per (map version, filter). Reused until this process commits another insights refresh or
/// Journey:StatsCacheSeconds pass (changes made by other processes). Then, when the last computation was expensive
/// (Journey:StatsServeStaleAfterMs), it is still served while one recomputation runs in the background, so under
/// continuous ingestion a dashboard never waits seconds for a number that moved by a few customers.
/// </summary>
public sealed partial class JourneyStatsCache(
    IServiceScopeFactory scopes, InsightsDataVersion dataVersion, IOptions<JourneyOptions> options,
    IOptions<ExperienceOptions> experience, TimeProvider time, ILogger<JourneyStatsCache> logger)
{
    private const int MaxEntries = 256;
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private int _requestComputations;
    private int _backgroundComputations;

    /// <summary>Computations a request had to wait for, and ones run in the background (tests, diagnostics).</summary>
    internal (int InRequest, int InBackground) Computations => (Volatile.Read(ref _requestComputations), Volatile.Read(ref _backgroundComputations));

    private sealed record Entry(long DataVersion, TimeSpan Took, JourneyMapStats Stats);

    private sealed class Slot
    {
        public readonly Lock Gate = new();
        public Entry? Current;
        public Task? Refresh;
    }

    public async Task<JourneyMapStats> GetAsync(TimelineDbContext db, ActiveJourneyMap map, JourneyStatsFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(filter);
        if (_slots.Count >= MaxEntries) _slots.Clear();
        var slot = SlotOf(map, filter);
        var version = dataVersion.Current;
        var current = Volatile.Read(ref slot.Current);
        if (current is not null && current.DataVersion == version
            && time.GetUtcNow() - current.Stats.ComputedAt < TimeSpan.FromSeconds(options.Value.StatsCacheSeconds))
            return current.Stats;

        if (current is not null && current.Took >= TimeSpan.FromMilliseconds(options.Value.StatsServeStaleAfterMs))
        {
            RefreshInBackground(slot, map, filter);
            return current.Stats;
        }

        // A computation of these stats is already under way (the start-up warm-up, or the one that follows a
        // completed re-classification pass): wait for it rather than run a second one beside it on the same cores.
        Task? running;
        lock (slot.Gate) running = slot.Refresh is { IsCompleted: false } r ? r : null;
        if (running is not null)
        {
            await running.WaitAsync(ct);
            if (Volatile.Read(ref slot.Current) is { } done && done.DataVersion == version) return done.Stats;
        }

        var entry = await ComputeAsync(db, map, filter, version, inRequest: true, ct);
        Keep(slot, entry);
        return entry.Stats;
    }

    /// <summary>
    /// Computes the unfiltered stats of this map in the background: at start-up, and when a re-classification pass
    /// (a bulk load, a map change) completes, so the first dashboard afterwards does not wait for them.
    /// </summary>
    public void Warm(ActiveJourneyMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        RefreshInBackground(SlotOf(map, JourneyStatsFilter.None), map, JourneyStatsFilter.None);
    }

    private Slot SlotOf(ActiveJourneyMap map, JourneyStatsFilter filter) =>
        _slots.GetOrAdd(map.Version + "|" + filter.Key, _ => new Slot());

    private void RefreshInBackground(Slot slot, ActiveJourneyMap map, JourneyStatsFilter filter)
    {
        lock (slot.Gate)
        {
            if (slot.Refresh is { IsCompleted: false }) return;
            slot.Refresh = Task.Run(async () =>
            {
                try
                {
                    // The version is read before computing: a change during the computation triggers the next one.
                    var version = dataVersion.Current;
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
                    Keep(slot, await ComputeAsync(db, map, filter, version, inRequest: false, CancellationToken.None));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    LogRefreshFailed(logger, e, map.Version);
                }
            });
        }
    }

    /// <summary>Stores a computation unless one made on newer data got there first (a slow background one can finish last).</summary>
    private static void Keep(Slot slot, Entry entry)
    {
        lock (slot.Gate)
        {
            if (slot.Current is null || entry.DataVersion >= slot.Current.DataVersion) Volatile.Write(ref slot.Current, entry);
        }
    }

    private async Task<Entry> ComputeAsync(
        TimelineDbContext db, ActiveJourneyMap map, JourneyStatsFilter filter, long version, bool inRequest, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var stats = await JourneyStatsCalculator.ComputeAsync(db, map, filter, experience.Value, ct);
        var took = time.GetElapsedTime(started);
        Interlocked.Increment(ref inRequest ? ref _requestComputations : ref _backgroundComputations);
        TimelineTelemetry.RecordJourneyStats(took.TotalSeconds, inRequest);
        return new Entry(version, took, stats with { ComputedAt = time.GetUtcNow() });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recomputing the journey stats of map version {MapVersion} in the background failed; the previous ones are still served")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, int mapVersion);
}
