using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Journey;

/// <summary>Per request: computes (or takes from the cache) the stats of one filter once, for all stages and touchpoints.</summary>
public sealed class JourneyStatsLoader(TimelineDbContext db, JourneyStatsCache cache)
{
    private readonly Dictionary<string, Task<JourneyMapStats>> _byFilter = new(StringComparer.Ordinal);

    public Task<JourneyMapStats> GetAsync(ActiveJourneyMap map, JourneyStatsFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(filter);
        var key = map.Version + "|" + filter.Key;
        if (!_byFilter.TryGetValue(key, out var task))
        {
            task = cache.GetAsync(db, map, filter, cancellationToken);
            _byFilter[key] = task;
        }
        return task;
    }
}
