using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Privacy;

/// <summary>
/// Keeps erasures and sync pages from interleaving on SQL Server. A page checks the suppression list in its
/// transaction; an erasure committed after that check would let the page bring the erased person back, and a page
/// linking a key to the customer while the erasure runs would leave that key unsuppressed. SQLite's writers already
/// run one at a time (BEGIN IMMEDIATE), so there this takes nothing. On SQL Server an application lock owned by the
/// transaction: pages share it with each other, an erasure holds it alone.
/// </summary>
internal static class SuppressionLock
{
    private const string Shared = """
        DECLARE @result int;
        EXEC @result = sp_getapplock @Resource = N'CustomerTimeline.Suppression', @LockMode = N'Shared', @LockOwner = N'Transaction', @LockTimeout = 30000;
        IF @result < 0 THROW 51000, N'Timed out waiting for the suppression lock (an erasure is running).', 1;
        """;

    private const string Exclusive = """
        DECLARE @result int;
        EXEC @result = sp_getapplock @Resource = N'CustomerTimeline.Suppression', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 30000;
        IF @result < 0 THROW 51000, N'Timed out waiting for the suppression lock (sync pages are being written).', 1;
        """;

    /// <summary>Taken by a sync page's transaction before it checks the suppression list.</summary>
    public static Task ForPageAsync(TimelineDbContext db, CancellationToken cancellationToken) =>
        TakeAsync(db, Shared, cancellationToken);

    /// <summary>Taken by an erasure's transaction before it reads the customer's keys.</summary>
    public static Task ForErasureAsync(TimelineDbContext db, CancellationToken cancellationToken) =>
        TakeAsync(db, Exclusive, cancellationToken);

    private static async Task TakeAsync(TimelineDbContext db, string sql, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlServer()) return;
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("The suppression lock is owned by a transaction: begin one first.");
        await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
    }
}
