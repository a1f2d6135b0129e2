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
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or TimeoutException or System.Data.Common.DbException)
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

        var strategy = db.Database.CreateExecutionStrategy();
        var completed = false;
        var computed = await strategy.ExecuteAsync(async ct =>
        {
            completed = false;
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var now = time.GetUtcNow();
            var checkpoint = await db.JourneyReclassifications().AsTracking().SingleOrDefaultAsync(r => r.MapVersion == version, ct);
            if (checkpoint is null)
            {
                checkpoint = new JourneyReclassification { MapVersion = version, StartedAt = now, UpdatedAt = now };
                db.JourneyReclassifications().Add(checkpoint);
            }
            var after = checkpoint.LastCustomerId;
            var ids = await db.Customers
                .Where(c => c.Id > after && !db.CustomerSummaries().Any(s => s.CustomerId == c.Id && s.MapVersion == version))
                .OrderBy(c => c.Id).Select(c => c.Id).Take(batchSize).ToListAsync(ct);
            if (ids.Count == 0)
            {
                // Customers below the checkpoint that still need computing (their summary was removed): start over.
                var behind = await db.Customers.AnyAsync(c => c.Id <= after && !db.CustomerSummaries().Any(s => s.CustomerId == c.Id && s.MapVersion == version), ct);
                if (behind) checkpoint.LastCustomerId = 0;
                else if (checkpoint.CompletedAt is null) checkpoint.CompletedAt = now;
                else return 0;
                checkpoint.UpdatedAt = now;
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                if (!behind) LogCompleted(logger, version, checkpoint.ProcessedCustomers);
                completed = !behind;
                return 0;
            }

            var n = await insights.RefreshChunkAsync(db, ids, map, ct);
            checkpoint.LastCustomerId = ids[^1];
            checkpoint.ProcessedCustomers += n;
            checkpoint.CompletedAt = null;
            checkpoint.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return ids.Count;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Journey re-classification: {Count} customer(s) computed on map version {Version}")]
    private static partial void LogBatch(ILogger logger, int count, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Journey re-classification of map version {Version} complete ({Processed} customers)")]
    private static partial void LogCompleted(ILogger logger, int version, long processed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journey re-classification failed; retrying at the next poll")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
