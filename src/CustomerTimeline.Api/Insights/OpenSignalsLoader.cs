using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Journey;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Insights;

/// <summary>Open signals by customer, most severe and most recent first, one query per level.</summary>
public sealed class OpenSignalsLoader
{
    private static readonly Func<TimelineDbContext, long, IAsyncEnumerable<CustomerSignal>> OfOne =
        EF.CompileAsyncQuery((TimelineDbContext db, long id) =>
            db.Set<CustomerSignal>().Where(s => s.CustomerId == id && s.ResolvedAt == null));

    internal static readonly HotQuery<CustomerSignal> HotOfOne = new("WHERE \"CustomerId\" = @p0 AND \"ResolvedAt\" IS NULL", 1);

    private readonly BatchLoader<long, IReadOnlyList<CustomerSignal>> _loader;

    public OpenSignalsLoader(TimelineDbContext db, SqliteReadPool hot)
    {
        _loader = new BatchLoader<long, IReadOnlyList<CustomerSignal>>(async (ids, ct) =>
        {
            var rows = ids.Count == 1
                ? hot.Enabled ? hot.List(db, HotOfOne, ct, ids.First()) : await CompiledQueries.ListAsync(OfOne(db, ids.First()), ct)
                : await db.CustomerSignals().Where(s => ids.Contains(s.CustomerId) && s.ResolvedAt == null).ToListAsync(ct);
            return rows.GroupBy(s => s.CustomerId).ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<CustomerSignal>)g.OrderByDescending(s => s.Severity).ThenByDescending(s => s.TriggeredAt).ThenBy(s => s.Id).ToList());
        }, missing: []);
    }

    public IDataLoaderResult<IReadOnlyList<CustomerSignal>> Load(long customerId) => _loader.Load(customerId);
}
