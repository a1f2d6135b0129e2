using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Customers;

public sealed class MergeHistoryByCustomerLoader
{
    private readonly BatchLoader<long, IReadOnlyList<MergeRecord>> _loader;

    public MergeHistoryByCustomerLoader(TimelineDbContext db)
    {
        _loader = new BatchLoader<long, IReadOnlyList<MergeRecord>>(async (ids, ct) =>
        {
            var rows = await db.MergeRecords.Where(m => ids.Contains(m.SurvivorCustomerId))
                .OrderBy(m => m.SurvivorCustomerId).ThenByDescending(m => m.MergedAt).ThenByDescending(m => m.Id)
                .ToListAsync(ct);
            return rows.GroupBy(m => m.SurvivorCustomerId)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<MergeRecord>)g.ToList());
        }, missing: []);
    }

    public IDataLoaderResult<IReadOnlyList<MergeRecord>> Load(long customerId) => _loader.Load(customerId);
}
