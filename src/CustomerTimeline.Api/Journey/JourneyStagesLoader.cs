using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Journey;

/// <summary>A customer's per-stage aggregates, one query per level.</summary>
public sealed class JourneyStagesLoader
{
    private readonly BatchLoader<long, IReadOnlyList<CustomerJourneyStage>> _loader;

    public JourneyStagesLoader(TimelineDbContext db)
    {
        _loader = new BatchLoader<long, IReadOnlyList<CustomerJourneyStage>>(async (ids, ct) =>
        {
            var rows = await db.CustomerJourneyStages().Where(s => ids.Contains(s.CustomerId)).ToListAsync(ct);
            return rows.GroupBy(s => s.CustomerId).ToDictionary(g => g.Key, g => (IReadOnlyList<CustomerJourneyStage>)g.ToList());
        }, missing: []);
    }

    public IDataLoaderResult<IReadOnlyList<CustomerJourneyStage>> Load(long customerId) => _loader.Load(customerId);
}
