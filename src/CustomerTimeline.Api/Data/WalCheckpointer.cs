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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CheckpointIntervalMilliseconds;
        var csb = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        // An in-memory database has no log to checkpoint.
        if (interval == 0 || csb.Mode == SqliteOpenMode.Memory || csb.DataSource is "" or ":memory:") return;
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
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await command.ExecuteNonQueryAsync(stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background WAL checkpoint failed with SQLite error {Code}")]
    private static partial void LogFailed(ILogger logger, int code);
}
