using System.Data.Common;
using System.Globalization;
using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Security;

/// <summary>
/// The shared side of <see cref="SharedWindowRateLimiter"/>: reserves permits of one caller's window in the
/// <see cref="RateLimitWindow"/> table with one atomic UPDATE, so all instances together never hand out more than
/// the limit. Also drops windows older than the previous one, at most once a minute per instance.
/// </summary>
public sealed partial class SharedRateLimitStore(
    IServiceScopeFactory scopes, TimeProvider time, ILogger<SharedRateLimitStore> logger)
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    // Insert-if-missing is idempotent, so it need not be atomic with the UPDATE; the UPDATE alone is what caps
    // the count (SET expressions read the old Count; MIN is SQLite's scalar min).
    private const string SqliteReserve = """
        INSERT INTO "RateLimitWindows" ("PartitionKey", "WindowStart", "Count", "LastGrant")
        VALUES (@key, @window, 0, 0) ON CONFLICT DO NOTHING;
        UPDATE "RateLimitWindows"
        SET "Count" = MAX("Count", MIN(@limit, "Count" + @want)),
            "LastGrant" = MAX(0, MIN(@limit, "Count" + @want) - "Count")
        WHERE "PartitionKey" = @key AND "WindowStart" = @window
        RETURNING "LastGrant";
        """;

    // MERGE ... HOLDLOCK makes the insert race-free; all SET expressions of an UPDATE see the old row.
    private const string SqlServerReserve = """
        SET NOCOUNT ON;
        MERGE [RateLimitWindows] WITH (HOLDLOCK) AS t
        USING (SELECT @key AS [PartitionKey], @window AS [WindowStart]) AS s
        ON t.[PartitionKey] = s.[PartitionKey] AND t.[WindowStart] = s.[WindowStart]
        WHEN NOT MATCHED THEN INSERT ([PartitionKey], [WindowStart], [Count], [LastGrant]) VALUES (s.[PartitionKey], s.[WindowStart], 0, 0);
        UPDATE [RateLimitWindows]
        SET [LastGrant] = CASE WHEN [Count] >= @limit THEN 0 WHEN [Count] + @want > @limit THEN @limit - [Count] ELSE @want END,
            [Count] = CASE WHEN [Count] >= @limit THEN [Count] WHEN [Count] + @want > @limit THEN @limit ELSE [Count] + @want END
        OUTPUT inserted.[LastGrant]
        WHERE [PartitionKey] = @key AND [WindowStart] = @window;
        """;

    private long _nextPruneTicks;

    /// <summary>
    /// Reserves up to <paramref name="want"/> permits of the window starting at <paramref name="windowStart"/> (Unix
    /// seconds); returns how many were granted (0 = the window is used up), or null when the database failed.
    /// </summary>
    public async Task<int?> TryReserveAsync(string partitionKey, long windowStart, int windowSeconds, int limit, int want, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        int granted;
        try
        {
            granted = await ReserveAsync(db, partitionKey, windowStart, limit, want, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The partition key holds tenant/object ids or a client address: it stays out of the log.
            LogReserveFailed(logger, e);
            return null;
        }
        await PruneIfDueAsync(db, windowStart - windowSeconds, ct);
        return granted;
    }

    private static async Task<int> ReserveAsync(TimelineDbContext db, string partitionKey, long windowStart, int limit, int want, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = db.Database.IsSqlServer() ? SqlServerReserve : SqliteReserve;
            AddParameter(command, "@key", partitionKey);
            AddParameter(command, "@window", windowStart);
            AddParameter(command, "@limit", limit);
            AddParameter(command, "@want", want);
            var result = await command.ExecuteScalarAsync(ct);
            return result is null or DBNull ? 0 : Convert.ToInt32(result, CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private async Task PruneIfDueAsync(TimelineDbContext db, long previousWindowStart, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcTicks;
        var due = Interlocked.Read(ref _nextPruneTicks);
        // Only the request that moves the deadline prunes; the others carry on.
        if (now < due || Interlocked.CompareExchange(ref _nextPruneTicks, now + PruneInterval.Ticks, due) != due) return;
        try
        {
            await db.RateLimitWindows.Where(w => w.WindowStart < previousWindowStart).ExecuteDeleteAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPruneFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reserving rate-limit permits in the database failed; admitting the request")]
    private static partial void LogReserveFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting old rate-limit windows failed; retrying in a minute")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
