using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Customers;

/// <summary>
/// Rewrites the search text of customers stored before its current shape (<see cref="CustomerSearch"/>), at start-up
/// after the migrations: a derived column, so no migration can compute it (SQL has no accent folding to share with C#).
/// Does nothing, after one scan, once every row is current.
/// </summary>
internal static partial class SearchTextBackfill
{
    private const int BatchSize = 1_000;

    public static async Task RunAsync(TimelineDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        const string separator = CustomerSearch.Separator;
        var rewritten = 0;
        while (true)
        {
            var batch = await db.Customers.AsTracking()
                .Where(c => !c.SearchText.Contains(separator))
                .OrderBy(c => c.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0) break;
            foreach (var customer in batch) customer.RefreshSearchText();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            rewritten += batch.Count;
        }
        if (rewritten > 0) LogRewritten(logger, rewritten);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search text rewritten for {Count} customer(s) stored before accent-insensitive search")]
    private static partial void LogRewritten(ILogger logger, int count);
}
