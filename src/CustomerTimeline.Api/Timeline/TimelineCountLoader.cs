using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Timeline;

/// <summary>Timeline sizes for many customers in one grouped count per distinct filter.</summary>
public sealed class TimelineCountLoader(TimelineDbContext db)
{
    private readonly Dictionary<string, BatchLoader<long, int>> _batches = [];

    public IDataLoaderResult<int> Load(long customerId, TimelineFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (!_batches.TryGetValue(filter.Key, out var batch))
        {
            batch = new BatchLoader<long, int>(async (ids, ct) =>
                await filter.Apply(db.Events.Where(e => ids.Contains(e.CustomerId)))
                    .GroupBy(e => e.CustomerId)
                    .Select(g => new { g.Key, Count = g.Count() })
                    .ToDictionaryAsync(x => x.Key, x => x.Count, ct), missing: 0);
            _batches.Add(filter.Key, batch);
        }
        return batch.Load(customerId);
    }
}
