using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Data;

/// <summary>
/// Writes that can be replayed from their origin (a source page committed with its cursor, insights derived from
/// stored events) commit on SQLite without waiting for the disk: <c>synchronous=NORMAL</c> in WAL mode. An
/// application crash loses nothing; a power loss can roll back the last commits, and then the cursor rolls back
/// with its page, so the next run reads those pages again (a refresh rolled back leaves its customers marked
/// stale for the background worker). Every other write keeps the connection's own setting: it is set back before
/// the pooled connection is handed on.
/// </summary>
public static class ReplayableWrites
{
    /// <summary>Holds the context's connection open with relaxed sync until disposed; does nothing on SQL Server.</summary>
    public static async Task<IAsyncDisposable> BeginAsync(TimelineDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite() || db.Database.CurrentTransaction is not null) return Nothing.Instance;
        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        try
        {
            await using var read = Pragma(connection, "PRAGMA synchronous");
            var before = Convert.ToInt32(await read.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            await using var relax = Pragma(connection, "PRAGMA synchronous=NORMAL");
            await relax.ExecuteNonQueryAsync(ct);
            return new Relaxed(db, connection, before);
        }
        catch
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }
    }

    private static SqliteCommand Pragma(SqliteConnection connection, string text)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant pragma texts of this class.
        command.CommandText = text;
#pragma warning restore CA2100
        return command;
    }

    private sealed class Relaxed(TimelineDbContext db, SqliteConnection connection, int before) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var restore = Pragma(connection, "PRAGMA synchronous=" + before.ToString(CultureInfo.InvariantCulture));
                await restore.ExecuteNonQueryAsync();
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
