using System.Collections.Concurrent;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;
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
        var slot = _slots.GetOrAdd(map.Version + "|" + filter.Key, _ => new Slot());
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

        // Nothing to serve yet but a computation under way (the start-up warm-up): wait for it rather than run a
        // second one beside it on the same cores.
        Task? running;
        lock (slot.Gate) running = current is null && slot.Refresh is { IsCompleted: false } r ? r : null;
        if (running is not null)
        {
            await running.WaitAsync(ct);
            if (Volatile.Read(ref slot.Current) is { } warmed) return warmed.Stats;
        }

        var entry = await ComputeAsync(db, map, filter, version, ct);
        Volatile.Write(ref slot.Current, entry);
        return entry.Stats;
    }

    /// <summary>Computes the unfiltered stats of this map in the background (at start-up), unless already known.</summary>
    public void Warm(ActiveJourneyMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        RefreshInBackground(_slots.GetOrAdd(map.Version + "|" + JourneyStatsFilter.None.Key, _ => new Slot()), map, JourneyStatsFilter.None);
    }

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
                    Volatile.Write(ref slot.Current, await ComputeAsync(db, map, filter, version, CancellationToken.None));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    LogRefreshFailed(logger, e, map.Version);
                }
            });
        }
    }

    private async Task<Entry> ComputeAsync(TimelineDbContext db, ActiveJourneyMap map, JourneyStatsFilter filter, long version, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var stats = await JourneyStatsCalculator.ComputeAsync(db, map, filter, experience.Value, ct);
        return new Entry(version, time.GetElapsedTime(started), stats with { ComputedAt = time.GetUtcNow() });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recomputing the journey stats of map version {MapVersion} in the background failed; the previous ones are still served")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, int mapVersion);
}
