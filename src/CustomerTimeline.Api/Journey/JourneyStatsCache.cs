using System.Collections.Concurrent;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Journey;

/// <summary>
/// Global stats per (map version, filter), reused until this process commits another insights refresh or
/// Journey:StatsCacheSeconds pass (changes made by other processes).
/// </summary>
public sealed class JourneyStatsCache(InsightsDataVersion dataVersion, IOptions<JourneyOptions> options, IOptions<ExperienceOptions> experience, TimeProvider time)
{
    private const int MaxEntries = 256;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(long DataVersion, DateTimeOffset ComputedAt, JourneyMapStats Stats);

    public async Task<JourneyMapStats> GetAsync(TimelineDbContext db, ActiveJourneyMap map, JourneyStatsFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(filter);
        var key = map.Version + "|" + filter.Key;
        var version = dataVersion.Current;
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var hit) && hit.DataVersion == version
            && now - hit.ComputedAt < TimeSpan.FromSeconds(options.Value.StatsCacheSeconds))
            return hit.Stats;

        var stats = await JourneyStatsCalculator.ComputeAsync(db, map, filter, experience.Value, ct);
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[key] = new Entry(version, now, stats);
        return stats;
    }
}
