using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Data;

/// <summary>
/// Several reads that must agree with each other (an export's sections), without holding up writers. On SQLite a
/// deferred transaction: in WAL mode its first read fixes one snapshot for every later read, takes no write lock, and
/// writers commit meanwhile. On SQL Server nothing: each statement reads committed data, and a snapshot there would
/// need the database's ALLOW_SNAPSHOT_ISOLATION.
/// </summary>
public static class ReadSnapshot
{
    /// <summary>Reads through <paramref name="db"/> see one snapshot until disposed (SQLite; outside a transaction).</summary>
    public static async Task<IAsyncDisposable> BeginAsync(TimelineDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite() || db.Database.CurrentTransaction is not null) return Nothing.Instance;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var transaction = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
            await db.Database.UseTransactionAsync(transaction, ct);
            return new Snapshot(db, transaction);
        }
        catch
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }
    }

    private sealed class Snapshot(TimelineDbContext db, SqliteTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.Database.UseTransactionAsync(null);
                // Nothing was written: ending it gives the snapshot back.
                await transaction.DisposeAsync();
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private sealed class Nothing : IAsyncDisposable
    {
        public static readonly Nothing Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
