using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Journey;

/// <summary>
/// Global journey stats from the per-customer aggregates (never from the events): grouped counts and sums per
/// stage and touchpoint, medians read from the (key, days-to-reach) index, drop-off as an anti-join on the
/// (customer, stage) key.
/// </summary>
public static class JourneyStatsCalculator
{
    private sealed record Totals(string Key, long Customers, long Events, double SentimentSum, long SentimentCount, long Negative);

    public static async Task<JourneyMapStats> ComputeAsync(
        TimelineDbContext db, ActiveJourneyMap map, JourneyStatsFilter filter, ExperienceOptions experience, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(experience);

        var segment = Segment(db, filter, experience);
        var total = segment is null ? await db.Customers.LongCountAsync(ct) : await segment.LongCountAsync(ct);

        IQueryable<CustomerJourneyStage> stages = db.CustomerJourneyStages();
        IQueryable<CustomerTouchpoint> touchpoints = db.CustomerTouchpoints();
        IQueryable<CustomerChannelUse> uses = db.CustomerChannelUses();
        if (segment is not null)
        {
            stages = stages.Where(r => segment.Contains(r.CustomerId));
            touchpoints = touchpoints.Where(r => segment.Contains(r.CustomerId));
            uses = uses.Where(r => segment.Contains(r.CustomerId));
        }
        if (filter.From is { } from)
        {
            stages = stages.Where(r => r.FirstReachedAt >= from);
            touchpoints = touchpoints.Where(r => r.FirstReachedAt >= from);
        }
        if (filter.To is { } to)
        {
            stages = stages.Where(r => r.FirstReachedAt < to);
            touchpoints = touchpoints.Where(r => r.FirstReachedAt < to);
        }
        var windowed = filter.From is not null || filter.To is not null;

        var stageTotals = (await stages.GroupBy(r => r.StageKey)
            .Select(g => new Totals(g.Key, g.LongCount(), g.Sum(r => (long)r.EventCount), g.Sum(r => r.SentimentSum), g.Sum(r => (long)r.SentimentCount), g.Sum(r => (long)r.NegativeCount)))
            .ToListAsync(ct)).ToDictionary(t => t.Key, StringComparer.Ordinal);
        var touchpointTotals = (await touchpoints.GroupBy(r => r.TouchpointKey)
            .Select(g => new Totals(g.Key, g.LongCount(), g.Sum(r => (long)r.EventCount), g.Sum(r => r.SentimentSum), g.Sum(r => (long)r.SentimentCount), g.Sum(r => (long)r.NegativeCount)))
            .ToListAsync(ct)).ToDictionary(t => t.Key, StringComparer.Ordinal);

        var stageUses = windowed ? uses.Where(u => stages.Any(r => r.CustomerId == u.CustomerId && r.StageKey == u.StageKey)) : uses;
        var stageChannels = (await stageUses.GroupBy(u => new { u.StageKey, u.Channel })
            .Select(g => new { g.Key.StageKey, g.Key.Channel, Events = g.Sum(u => (long)u.EventCount) }).ToListAsync(ct))
            .ToLookup(x => x.StageKey, x => (x.Channel, x.Events), StringComparer.Ordinal);
        var touchpointUses = windowed ? uses.Where(u => touchpoints.Any(r => r.CustomerId == u.CustomerId && r.TouchpointKey == u.TouchpointKey)) : uses;
        var touchpointChannels = (await touchpointUses.GroupBy(u => new { u.TouchpointKey, u.Channel })
            .Select(g => new { g.Key.TouchpointKey, g.Key.Channel, Events = g.Sum(u => (long)u.EventCount) }).ToListAsync(ct))
            .ToLookup(x => x.TouchpointKey, x => (x.Channel, x.Events), StringComparer.Ordinal);

        var stageStats = new Dictionary<string, JourneyStats>(StringComparer.Ordinal);
        string? previous = null;
        foreach (var stage in map.Definition.Stages)
        {
            var key = stage.Key;
            stageTotals.TryGetValue(key, out var t);
            double? dropOff = null;
            if (previous is not null && stageTotals.TryGetValue(previous, out var p) && p.Customers > 0)
            {
                var prev = previous;
                var lost = await stages.Where(r => r.StageKey == prev)
                    .LongCountAsync(r => !db.CustomerJourneyStages().Any(x => x.CustomerId == r.CustomerId && x.StageKey == key), ct);
                dropOff = lost / (double)p.Customers;
            }
            var median = t is null ? null : await MedianAsync(stages.Where(r => r.StageKey == key).Select(r => r.DaysToReach), t.Customers, ct);
            stageStats[key] = Build(t, total, dropOff, median, stageChannels[key]);
            previous = key;
        }

        var touchpointStats = new Dictionary<string, JourneyStats>(StringComparer.Ordinal);
        foreach (var touchpoint in map.Definition.Touchpoints)
        {
            var key = touchpoint.Key;
            touchpointTotals.TryGetValue(key, out var t);
            var median = t is null ? null : await MedianAsync(touchpoints.Where(r => r.TouchpointKey == key).Select(r => r.DaysToReach), t.Customers, ct);
            touchpointStats[key] = Build(t, total, null, median, touchpointChannels[key]);
        }
        return new JourneyMapStats(map.Version, total, stageStats, touchpointStats);
    }

    /// <summary>The customers a segment filter keeps, or null for everyone.</summary>
    public static IQueryable<long>? Segment(TimelineDbContext db, JourneyStatsFilter filter, ExperienceOptions experience)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(experience);
        IQueryable<long>? segment = null;
        if (filter.Company is { } company)
        {
            // Validate folded it; the search text starts with the folded company.
            var prefix = company + CustomerSearch.Separator;
            segment = db.Customers.Where(c => c.SearchText.StartsWith(prefix)).Select(c => c.Id);
        }
        if (filter.ScoreBand is { } band)
        {
            var ids = db.CustomerSummaries().InBand(band, experience).Select(s => s.CustomerId);
            segment = segment is null ? ids : segment.Where(id => ids.Contains(id));
        }
        return segment;
    }

    /// <summary>The median of an indexed column: reads only the one or two middle values.</summary>
    private static async Task<double?> MedianAsync(IQueryable<double> values, long count, CancellationToken ct)
    {
        if (count == 0) return null;
        var middle = await values.OrderBy(v => v).Skip((int)((count - 1) / 2)).Take(count % 2 == 1 ? 1 : 2).ToListAsync(ct);
        return middle.Count == 0 ? null : Math.Round(middle.Average(), 4);
    }

    private static JourneyStats Build(Totals? t, long total, double? dropOff, double? median, IEnumerable<(Channel Channel, long Events)> channels)
    {
        if (t is null || t.Customers == 0) return JourneyStats.Empty with { DropOffFromPrevious = dropOff };
        var list = channels.ToList();
        var channelEvents = list.Sum(c => c.Events);
        var preference = list
            .Select(c => new ChannelShare(c.Channel, c.Events, channelEvents == 0 ? 0 : c.Events / (double)channelEvents))
            .OrderByDescending(c => c.Events).ThenBy(c => c.Channel).ToList();
        return new JourneyStats(
            t.Customers,
            total == 0 ? 0 : t.Customers / (double)total,
            dropOff,
            median,
            preference,
            t.SentimentCount == 0 ? null : Math.Round(t.SentimentSum / t.SentimentCount, 4),
            t.Events,
            t.Negative);
    }
}
