using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Customers;

/// <summary>Loads customers by database id, one query per level of the GraphQL tree.</summary>
public sealed class CustomerByIdLoader
{
    // One customer per request is the agent console's case: off SQLite, a compiled query skips EF's per-call translation.
    private static readonly Func<TimelineDbContext, long, CancellationToken, Task<Customer?>> One =
        EF.CompileAsyncQuery((TimelineDbContext db, long id, CancellationToken ct) => db.Customers.FirstOrDefault(c => c.Id == id));

    internal static readonly HotQuery<Customer> HotOne = new("WHERE \"Id\" = @p0 LIMIT 1", 1);

    private readonly BatchLoader<long, Customer?> _loader;
    private readonly TimelineDbContext _db;

    public CustomerByIdLoader(TimelineDbContext db, SqliteReadPool hot)
    {
        _db = db;
        _loader = new BatchLoader<long, Customer?>(async (ids, ct) =>
            await db.Customers.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => (Customer?)c, ct),
            missing: null,
            fetchOne: (id, ct) => hot.Enabled ? Task.FromResult(hot.First(db, HotOne, ct, id)) : One(db, id, ct));
    }

    public IDataLoaderResult<Customer?> Load(long id) => _loader.Load(id);

    /// <summary>The customer, or the one it was merged into (<see cref="MergedCustomers"/>); null when neither exists.</summary>
    public IDataLoaderResult<Customer?> LoadFollowingMerges(long id) =>
        _loader.Load(id).Then((customer, ct) => customer is null ? SurvivorAsync(id, ct) : Task.FromResult<Customer?>(customer));

    private async Task<Customer?> SurvivorAsync(long mergedId, CancellationToken ct) =>
        await MergedCustomers.SurvivorOfAsync(_db, mergedId, ct) is { } survivor ? await _loader.Load(survivor).GetResultAsync(ct) : null;
}
