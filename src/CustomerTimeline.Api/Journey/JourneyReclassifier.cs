using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Journey;

/// <summary>
/// Computes, in customer id order, every customer whose insights are missing or were computed with an older map
/// version: after a map change, and after a bulk load that inserted events without classification. Each batch and
/// the checkpoint (map version, last customer id) commit together, so a restart resumes after the last batch.
/// </summary>
public sealed partial class JourneyReclassifier(
    IServiceScopeFactory scopes,
    JourneyMapStore maps,
    ReclassificationSignal signal,
    InsightsDataVersion dataVersion,
    JourneyStatsCache stats,
    SqliteWriteGate writeGate,
    IOptions<JourneyOptions> options,
    TimeProvider time,
    ILogger<JourneyReclassifier> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackgroundEnabled) return;
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await ProcessNextBatchAsync(stoppingToken) > 0)
                {
                    // Keep going while there is work.
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Whatever a pass hits, the API keeps serving: a crashed worker would stop the host.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogFailed(logger, e);
            }
            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Computes the next batch of customers needing it, after the checkpoint of the active map version.
    /// Returns how many were computed (0 when the pass is complete).
    /// </summary>
    public async Task<int> ProcessNextBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        var insights = scope.ServiceProvider.GetRequiredService<CustomerInsights>();
        var map = await maps.RefreshAsync(db, cancellationToken);
        var version = map.Version;
        var batchSize = options.Value.BatchSize;

        // Replayable: a batch lost to a power cut is lost with its checkpoint, and computed again.
        await using var relaxed = await ReplayableWrites.BeginAsync(db, cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        var completed = false;
        Task<List<long>> NeedingAsync(long after, CancellationToken ct) => db.Customers
            .Where(c => c.Id > after && !db.CustomerSummaries().Any(s => s.CustomerId == c.Id && s.MapVersion == version))
            .OrderBy(c => c.Id).Select(c => c.Id).Take(batchSize).ToListAsync(ct);
        var computed = await strategy.ExecuteAsync(async ct =>
        {
            completed = false;
            db.ChangeTracker.Clear();
            using var turn = await writeGate.EnterAsync(db, ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var now = time.GetUtcNow();
            var checkpoint = await db.JourneyReclassifications().AsTracking().SingleOrDefaultAsync(r => r.MapVersion == version, ct);
            if (checkpoint is null)
            {
                checkpoint = new JourneyReclassification { MapVersion = version, StartedAt = now, UpdatedAt = now };
                db.JourneyReclassifications().Add(checkpoint);
                await db.SaveChangesAsync(ct);
            }
            var after = checkpoint.LastCustomerId;
            var ids = await NeedingAsync(after, ct);
            // Customers below the checkpoint that still need computing (their summary was removed or marked stale):
            // start over in this same call, so a caller draining batches until one answers 0 misses none. Such a
            // batch answers what it computed: one of customers it can only skip (unreadable data) ends the drain,
            // and they are tried again at the next poll.
            var restarted = false;
            if (ids.Count == 0 && after > 0)
            {
                ids = await NeedingAsync(0, ct);
                restarted = ids.Count > 0;
            }
            if (ids.Count == 0)
            {
                if (checkpoint.CompletedAt is not null) return 0;
                checkpoint.CompletedAt = now;
                checkpoint.UpdatedAt = now;
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                LogCompleted(logger, version, checkpoint.ProcessedCustomers);
                completed = true;
                return 0;
            }

            var n = await RefreshSkippingUnreadableAsync(db, tx, insights, ids, map, ct);
            // Skipping a customer cleared the change tracker: only then is the checkpoint read again.
            if (db.Entry(checkpoint).State == EntityState.Detached)
                checkpoint = await db.JourneyReclassifications().AsTracking().SingleAsync(r => r.MapVersion == version, ct);
            checkpoint.LastCustomerId = ids[^1];
            checkpoint.ProcessedCustomers += n;
            checkpoint.CompletedAt = null;
            checkpoint.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return restarted ? n : ids.Count;
        }, cancellationToken);
        if (computed > 0)
        {
            dataVersion.Bump();
            LogBatch(logger, computed, version);
        }
        // Nearly every customer moved: recompute the global stats now rather than on the next dashboard's request.
        if (completed) stats.Warm(map);
        return computed;
    }

    /// <summary>
    /// The batch in one go; when a customer's stored data cannot be read (an event whose details do not parse), the
    /// batch is redone one customer at a time and that customer is skipped: the others are computed, the pass goes on,
    /// and the skipped one is tried again when the pass comes back for customers left behind (at the next poll).
    /// </summary>
    private async Task<int> RefreshSkippingUnreadableAsync(
        TimelineDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, CustomerInsights insights,
        List<long> ids, ActiveJourneyMap map, CancellationToken ct)
    {
        await tx.CreateSavepointAsync("batch", ct);
        try
        {
            return await insights.RefreshChunkAsync(db, ids, map, ct);
        }
        catch (Exception e) when (IsUnreadableData(e))
        {
            await tx.RollbackToSavepointAsync("batch", ct);
            db.ChangeTracker.Clear();
        }
        var computed = 0;
        foreach (var id in ids)
        {
            await tx.CreateSavepointAsync("customer", ct);
            try
            {
                computed += await insights.RefreshChunkAsync(db, [id], map, ct);
            }
            catch (Exception e) when (IsUnreadableData(e))
            {
                await tx.RollbackToSavepointAsync("customer", ct);
                db.ChangeTracker.Clear();
                LogUnreadable(logger, id, e.GetType().Name);
            }
        }
        return computed;
    }

    private static bool IsUnreadableData(Exception e) =>
        e is System.Text.Json.JsonException or FormatException or InvalidCastException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journey re-classification skipped customer {CustomerId}: its stored events cannot be read ({ErrorType}); tried again on the next pass")]
    private static partial void LogUnreadable(ILogger logger, long customerId, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Journey re-classification: {Count} customer(s) computed on map version {Version}")]
    private static partial void LogBatch(ILogger logger, int count, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Journey re-classification of map version {Version} complete ({Processed} customers)")]
    private static partial void LogCompleted(ILogger logger, int version, long processed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journey re-classification failed; retrying at the next poll")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
