using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Data;

/// <summary>
/// Copies committed pages from SQLite's write-ahead log into the database file every
/// <see cref="DatabaseOptions.CheckpointIntervalMilliseconds"/>, on its own connection. By default the writer whose
/// commit takes the log past 1,000 pages does it, inside the write lock, with its disk syncs: about 40% of a sync
/// page's commit time, while every other writer waited. A passive checkpoint runs beside readers and writers;
/// writers keep a backstop (<see cref="WriterBackstopPages"/>) in case this one falls behind or stops.
/// </summary>
public sealed partial class WalCheckpointer(
    string connectionString, IOptions<DatabaseOptions> options, TimeProvider time, ILogger<WalCheckpointer> logger) : BackgroundService
{
    /// <summary>The log size (pages of 4 KiB) at which a writer's commit checkpoints itself when this one runs.</summary>
    public const int WriterBackstopPages = 10_000;

    /// <summary>
    /// A log file at least this long (pages) is cut back to nothing once every page in it is in the database file.
    /// SQLite reuses the file from its start but never shortens it: under steady writes a passive checkpoint is never
    /// complete when the next writer starts, so the file grew to the backstop (~40 MB) and stayed that size.
    /// </summary>
    public const int TruncateFromPages = 1_024;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CheckpointIntervalMilliseconds;
        var csb = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        // An in-memory database has no log to checkpoint.
        if (interval == 0 || csb.IsInMemory()) return;
        // Its own native connection, outside the pool: it never holds a transaction, so never the write lock.
        await using var connection = new SqliteConnection(csb.ToString());
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(interval), time);
        try
        {
            try
            {
                await connection.OpenAsync(stoppingToken);
            }
            catch (SqliteException e)
            {
                // Not worth stopping the API for: writers checkpoint themselves past the backstop.
                LogFailed(logger, e.SqliteErrorCode);
                return;
            }
            await using var passive = connection.CreateCommand();
            passive.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            await using var truncate = connection.CreateCommand();
            // Waits for no one (this connection has no busy timeout): with a reader or writer active it answers busy,
            // and the next tick tries again.
            truncate.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var (busy, logPages, copiedPages) = await RunAsync(passive, stoppingToken);
                    if (!busy && logPages >= TruncateFromPages && copiedPages == logPages) await RunAsync(truncate, stoppingToken);
                }
                catch (SqliteException e)
                {
                    // Writers checkpoint themselves past the backstop meanwhile; try again on the next tick.
                    LogFailed(logger, e.SqliteErrorCode);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>A checkpoint's answer: whether it was blocked, the pages in the log, and how many of them are in the file.</summary>
    private static async Task<(bool Busy, long LogPages, long CopiedPages)> RunAsync(SqliteCommand checkpoint, CancellationToken ct)
    {
        await using var reader = await checkpoint.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0) != 0, reader.GetInt64(1), reader.GetInt64(2)) : (true, 0, 0);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background WAL checkpoint failed with SQLite error {Code}")]
    private static partial void LogFailed(ILogger logger, int code);
}
