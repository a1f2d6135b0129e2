using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Data;

/// <summary>
/// Writes that can be replayed from their origin (a source page committed with its cursor, insights derived from
/// stored events) commit on SQLite without waiting for the disk: <c>synchronous=NORMAL</c> in WAL mode. An
/// application crash loses nothing; a power loss can roll back the last commits, and then the cursor rolls back
/// with its page, so the next run reads those pages again (a refresh rolled back leaves its customers marked
/// stale for the background worker). They also get a larger page cache (<see cref="CacheSize"/>). Every other write
/// keeps the connection's own settings: they are set back before the pooled connection is handed on.
/// </summary>
public static class ReplayableWrites
{
    /// <summary>
    /// The page cache while such a write runs, in KiB (SQLite's negative form), given back afterwards. A page write or
    /// a refresh chunk touches more index pages than the default 2 MB hold: they spilled to the WAL mid-transaction and
    /// were read again (a quarter of the ingestion time in the bench).
    /// </summary>
    internal const long CacheSize = -16_384;

    private const long Normal = 1;

    /// <summary>Holds the context's connection open with relaxed sync until disposed; does nothing on SQL Server.</summary>
    public static async Task<IAsyncDisposable> BeginAsync(TimelineDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite() || db.Database.CurrentTransaction is not null) return Nothing.Instance;
        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        try
        {
            return new Relaxed(db, connection, SqlitePragmas.Override(connection, ("synchronous", Normal), ("cache_size", CacheSize)));
        }
        catch
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }
    }

    private sealed class Relaxed(TimelineDbContext db, SqliteConnection connection, IDisposable settings) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                settings.Dispose();
            }
            catch (SqliteException)
            {
                // Never hand a relaxed connection to another writer: drop the pool's copies instead.
                SqliteConnection.ClearPool(connection);
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
