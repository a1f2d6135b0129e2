using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Customers;

public sealed class IdentitiesByCustomerLoader
{
    private static readonly Func<TimelineDbContext, long, IAsyncEnumerable<CustomerIdentity>> OfOne =
        EF.CompileAsyncQuery<TimelineDbContext, long, CustomerIdentity>((db, id) =>
            db.Identities.Where(i => i.CustomerId == id).OrderBy(i => i.Kind).ThenBy(i => i.Value));

    internal static readonly HotQuery<CustomerIdentity> HotOfOne = new("WHERE \"CustomerId\" = @p0 ORDER BY \"Kind\", \"Value\"", 1);

    private readonly BatchLoader<long, IReadOnlyList<CustomerIdentity>> _loader;

    public IdentitiesByCustomerLoader(TimelineDbContext db, SqliteReadPool hot)
    {
        _loader = new BatchLoader<long, IReadOnlyList<CustomerIdentity>>(async (ids, ct) =>
        {
            var rows = await db.Identities.Where(i => ids.Contains(i.CustomerId))
                .OrderBy(i => i.CustomerId).ThenBy(i => i.Kind).ThenBy(i => i.Value)
                .ToListAsync(ct);
            return rows.GroupBy(i => i.CustomerId)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<CustomerIdentity>)g.ToList());
        }, missing: [],
        fetchOne: async (id, ct) => hot.Enabled ? hot.List(db, HotOfOne, ct, id) : await CompiledQueries.ListAsync(OfOne(db, id), ct));
    }

    public IDataLoaderResult<IReadOnlyList<CustomerIdentity>> Load(long customerId) => _loader.Load(customerId);
}
