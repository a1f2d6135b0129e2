using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Generator;

/// <summary>
/// Bulk-loads generated customers into an empty, migrated database. SQLite gets prepared raw INSERTs in
/// batch transactions (a million events in well under a minute); other providers go through EF in batches.
/// </summary>
public static class DatasetLoader
{
    /// <summary>Events per transaction: big enough to amortize commits, small enough to keep progress lively.</summary>
    public const int BatchSize = 5_000;

    /// <summary>Negative means KiB: 64 MiB of page cache while loading.</summary>
    private const long LoadCacheSize = -65_536;

    /// <summary>How many customers the generating thread may run ahead of the inserting one.</summary>
    private const int ReadAheadCustomers = 256;

    /// <summary>
    /// Inserts every customer with its explicit id, its identities and its events, committing every
    /// <see cref="BatchSize"/> events and reporting progress after each commit. On SQLite the customers are
    /// enumerated on a background thread, so pass a generator, not a query on <paramref name="db"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The database already contains customers.</exception>
    public static async Task<LoadResult> LoadAsync(
        TimelineDbContext db, IEnumerable<GeneratedCustomer> customers, IProgress<LoadProgress>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(customers);
        await EnsureEmptyAsync(db, ct).ConfigureAwait(false);
        return db.Database.IsSqlite()
            ? await LoadSqliteAsync(db, customers, progress, ct).ConfigureAwait(false)
            : await LoadWithEfAsync(db, customers, progress, ct).ConfigureAwait(false);
    }

    private static async Task EnsureEmptyAsync(TimelineDbContext db, CancellationToken ct)
    {
        // Generated ids start at 1, so loading on top of existing data would collide half-way through.
        if (await db.Customers.AnyAsync(ct).ConfigureAwait(false))
        {
            throw new InvalidOperationException(
                "The database already contains customers. Generated data can only be loaded into an empty database.");
        }
    }

    private static async Task<LoadResult> LoadSqliteAsync(
        TimelineDbContext db, IEnumerable<GeneratedCustomer> customers, IProgress<LoadProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var tally = new LoadTally();
        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        // Both settings belong to the (pooled) connection, so they are put back afterwards.
        // A bigger page cache keeps the (Source, SourceRecordId) index, which takes inserts all over its tree, in memory.
        // No fsync per batch: a load that dies half-way must be redone into a fresh database anyway.
        try
        {
            using (SqlitePragmas.Override(connection, ("cache_size", LoadCacheSize), ("synchronous", 0)))
                InsertAll(db, connection, customers, progress, tally, clock, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
        return tally.Result(clock.Elapsed);
    }

    private static void InsertAll(
        TimelineDbContext db, DbConnection connection, IEnumerable<GeneratedCustomer> customers,
        IProgress<LoadProgress>? progress, LoadTally tally, Stopwatch clock, CancellationToken ct)
    {
        using var customerInsert = RowCommand.Insert(db, typeof(Customer), includeKey: true);
        using var identityInsert = RowCommand.Insert(db, typeof(CustomerIdentity), includeKey: false);
        using var eventInsert = RowCommand.Insert(db, typeof(TimelineEvent), includeKey: false);
        using var batch = new BatchTransaction(connection, [customerInsert, identityInsert, eventInsert]);
        var inBatch = 0L;
        foreach (var c in ReadAhead.Buffer(customers, ReadAheadCustomers, ct))
        {
            ct.ThrowIfCancellationRequested();
            batch.EnsureStarted();
            customerInsert.Execute(c.Customer);
            foreach (var identity in c.Identities) identityInsert.Execute(identity);
            foreach (var e in c.Events) eventInsert.Execute(e);
            tally.Add(c);
            inBatch += c.Events.Count + 1;
            if (inBatch < BatchSize) continue;
            batch.Commit();
            inBatch = 0;
            progress?.Report(tally.Progress(clock.Elapsed));
        }
        if (batch.Commit()) progress?.Report(tally.Progress(clock.Elapsed));
    }

    /// <summary>The portable path, also used where no raw fast path exists (e.g. SQL Server).</summary>
    internal static async Task<LoadResult> LoadWithEfAsync(
        TimelineDbContext db, IEnumerable<GeneratedCustomer> customers, IProgress<LoadProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var tally = new LoadTally();
        var inBatch = 0L;
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false; // nothing is modified after Add; skip the scans
        try
        {
            foreach (var c in customers)
            {
                ct.ThrowIfCancellationRequested();
                db.Customers.Add(c.Customer);
                db.Identities.AddRange(c.Identities);
                db.Events.AddRange(c.Events);
                tally.Add(c);
                inBatch += c.Events.Count + 1;
                if (inBatch < BatchSize) continue;
                await EfBatch.SaveAsync(db, ct).ConfigureAwait(false);
                inBatch = 0;
                progress?.Report(tally.Progress(clock.Elapsed));
            }
            if (inBatch > 0)
            {
                await EfBatch.SaveAsync(db, ct).ConfigureAwait(false);
                progress?.Report(tally.Progress(clock.Elapsed));
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        return tally.Result(clock.Elapsed);
    }
}
