using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Journey;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Insights;

/// <summary>Customer summaries (journey position, score, drivers) by customer id, one query per level.</summary>
public sealed class CustomerSummaryLoader
{
    private static readonly Func<TimelineDbContext, long, CancellationToken, Task<CustomerSummary?>> One =
        EF.CompileAsyncQuery((TimelineDbContext db, long id, CancellationToken ct) =>
            db.Set<CustomerSummary>().FirstOrDefault(s => s.CustomerId == id));

    internal static readonly HotQuery<CustomerSummary> HotOne = new("WHERE \"CustomerId\" = @p0 LIMIT 1", 1);

    private readonly BatchLoader<long, CustomerSummary?> _loader;

    public CustomerSummaryLoader(TimelineDbContext db, SqliteReadPool hot)
    {
        _loader = new BatchLoader<long, CustomerSummary?>(async (ids, ct) =>
            await db.CustomerSummaries().Where(s => ids.Contains(s.CustomerId)).ToDictionaryAsync(s => s.CustomerId, s => (CustomerSummary?)s, ct),
            missing: null,
            fetchOne: (id, ct) => hot.Enabled ? Task.FromResult(hot.First(db, HotOne, ct, id)) : One(db, id, ct));
    }

    public IDataLoaderResult<CustomerSummary?> Load(long customerId) => _loader.Load(customerId);
}
