using System.Threading.Channels;
using Channel = System.Threading.Channels.Channel;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Security;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Privacy;

/// <summary>
/// Writes the PII-read audit rows behind the responses, many requests per insert: an agent's read must not wait
/// for (or, on SQLite, queue behind) a write of its own. The queue is bounded: when the database falls behind,
/// requests wait for room instead of dropping rows. Failed batches are retried; stopping the host drains the queue.
/// </summary>
public sealed partial class PiiReadAuditWriter(IServiceScopeFactory scopes, TimeProvider time, ILogger<PiiReadAuditWriter> logger)
    : BackgroundService
{
    private const int Capacity = 20_000;
    private const int BatchSize = 1_000;
    private const int MaxAttempts = 5;

    // Rows that arrive within this window share one transaction: on SQLite each commit is a WAL sync, and one per
    // request cost ~13% of the API's CPU at a single agent's pace. Row times are taken when queued, not written.
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(100);

    private readonly Channel<AuditEntry> _queue = Channel.CreateBounded<AuditEntry>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private long _enqueued;
    private long _settled;

    /// <summary>Queues one row per customer whose personal data the response carried unmasked.</summary>
    public async ValueTask RecordAsync(Caller caller, IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(customerIds);
        var now = time.GetUtcNow();
        foreach (var id in customerIds.Order())
        {
            var entry = AuditLog.Entry(caller, AuditOperation.PiiRead, id, AuditOutcome.Succeeded, now);
            if (!_queue.Writer.TryWrite(entry)) await _queue.Writer.WriteAsync(entry, cancellationToken);
            Interlocked.Increment(ref _enqueued);
        }
    }

    /// <summary>Completes once every row queued before the call is written (or given up on).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _enqueued);
        while (Interlocked.Read(ref _settled) < target)
            await Task.Delay(10, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditEntry>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(BatchWindow, stoppingToken);
                await DrainAsync(batch, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is already queued is still written below.
        }
        await DrainAsync(batch, CancellationToken.None);
    }

    private async Task DrainAsync(List<AuditEntry> batch, CancellationToken ct)
    {
        while (true)
        {
            batch.Clear();
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var entry)) batch.Add(entry);
            if (batch.Count == 0) return;
            await WriteAsync(batch, ct);
            Interlocked.Add(ref _settled, batch.Count);
        }
    }

    private async Task WriteAsync(List<AuditEntry> batch, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
                // One prepared INSERT run per row in one transaction: SaveChanges would build, and at this rate
                // allocate, a statement per row, on the same cores that serve the reads.
                await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
                {
                    await db.Database.OpenConnectionAsync(ct);
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    using (var insert = RowCommand.Insert(db, typeof(AuditEntry), includeKey: false))
                    {
                        foreach (var entry in batch) await insert.ExecuteAsync(entry, ct);
                    }
                    await transaction.CommitAsync(ct);
                });
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < MaxAttempts)
            {
                LogRetry(logger, e, batch.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), time, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogGaveUp(logger, e, batch.Count, attempt);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} PII-read audit row(s) failed (attempt {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, Exception exception, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up writing {Count} PII-read audit row(s) after {Attempt} attempts")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, int count, int attempt);
}
