using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Journey;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Insights;

/// <summary>Open signals by customer, most severe and most recent first, one query per level.</summary>
public sealed class OpenSignalsLoader
{
    private readonly BatchLoader<long, IReadOnlyList<CustomerSignal>> _loader;

    public OpenSignalsLoader(TimelineDbContext db)
    {
        _loader = new BatchLoader<long, IReadOnlyList<CustomerSignal>>(async (ids, ct) =>
        {
            var rows = await db.CustomerSignals().Where(s => ids.Contains(s.CustomerId) && s.ResolvedAt == null).ToListAsync(ct);
            return rows.GroupBy(s => s.CustomerId).ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<CustomerSignal>)g.OrderByDescending(s => s.Severity).ThenByDescending(s => s.TriggeredAt).ThenBy(s => s.Id).ToList());
        }, missing: []);
    }

    public IDataLoaderResult<IReadOnlyList<CustomerSignal>> Load(long customerId) => _loader.Load(customerId);
}
