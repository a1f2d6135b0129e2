using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Journey;

/// <summary>A customer's per-stage aggregates, one query per level.</summary>
public sealed class JourneyStagesLoader
{
    private static readonly Func<TimelineDbContext, long, IAsyncEnumerable<CustomerJourneyStage>> OfOne =
        EF.CompileAsyncQuery((TimelineDbContext db, long id) => db.Set<CustomerJourneyStage>().Where(s => s.CustomerId == id));

    internal static readonly HotQuery<CustomerJourneyStage> HotOfOne = new("WHERE \"CustomerId\" = @p0", 1);

    private readonly BatchLoader<long, IReadOnlyList<CustomerJourneyStage>> _loader;

    public JourneyStagesLoader(TimelineDbContext db, SqliteReadPool hot)
    {
        _loader = new BatchLoader<long, IReadOnlyList<CustomerJourneyStage>>(async (ids, ct) =>
        {
            var rows = ids.Count == 1
                ? hot.Enabled ? hot.List(db, HotOfOne, ct, ids.First()) : await CompiledQueries.ListAsync(OfOne(db, ids.First()), ct)
                : await db.CustomerJourneyStages().Where(s => ids.Contains(s.CustomerId)).ToListAsync(ct);
            return rows.GroupBy(s => s.CustomerId).ToDictionary(g => g.Key, g => (IReadOnlyList<CustomerJourneyStage>)g.ToList());
        }, missing: []);
    }

    public IDataLoaderResult<IReadOnlyList<CustomerJourneyStage>> Load(long customerId) => _loader.Load(customerId);
}
