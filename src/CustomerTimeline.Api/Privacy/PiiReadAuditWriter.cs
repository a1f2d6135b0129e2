using System.Threading.Channels;
using Channel = System.Threading.Channels.Channel;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Security;
using CustomerTimeline.Api.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Privacy;

/// <summary>
/// Writes the PII-read audit rows behind the responses, many requests per insert: an agent's read must not wait
/// for (or, on SQLite, queue behind) a write of its own. The queue is bounded: when the database falls behind,
/// requests wait for room instead of dropping rows. Failed batches are retried; stopping the host drains the queue.
/// Reads are written to their journal and folded into the audit log every <see cref="FoldInterval"/>
/// (<see cref="PiiReadJournal"/>): one row per read in the audit's customer index cost the GraphQL endpoint ~7% of
/// its throughput on SQLite, where every row wrote a random page of it.
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

    /// <summary>How long a read may stay in the journal, unless the audit log is read or written before.</summary>
    public static readonly TimeSpan FoldInterval = TimeSpan.FromSeconds(10);

    private readonly Channel<PiiReadJournalEntry> _queue = Channel.CreateBounded<PiiReadJournalEntry>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private long _enqueued;
    private long _settled;
    private readonly SemaphoreSlim _folding = new(1, 1);
    // Cuts the batch window short: someone is waiting to read the log.
    private TaskCompletionSource _flushRequested = NewFlushRequest();

    /// <summary>Queues one row per customer whose personal data the response carried unmasked.</summary>
    public async ValueTask RecordAsync(Caller caller, IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(customerIds);
        var now = time.GetUtcNow();
        foreach (var id in customerIds.Order())
        {
            var entry = new PiiReadJournalEntry { OccurredAt = now, ActorTenantId = caller.TenantId, ActorObjectId = caller.ObjectId, CustomerId = id };
            if (!_queue.Writer.TryWrite(entry)) await _queue.Writer.WriteAsync(entry, cancellationToken);
            Interlocked.Increment(ref _enqueued);
        }
    }

    /// <summary>
    /// Completes once every row queued before the call is in the audit log (or given up on): what reads the log, or
    /// adds an audited operation to it, calls this, so a read whose answer has left is never missing from it (a
    /// request queues its reads before its answer is written). Must not be called inside a transaction.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _enqueued);
        // A stopped writer drained its queue on the way out; nothing would settle what came later.
        while (Interlocked.Read(ref _settled) < target && ExecuteTask is { IsCompleted: false })
        {
            Volatile.Read(ref _flushRequested).TrySetResult();
            await Task.Delay(5, cancellationToken);
        }
        await FoldAsync(cancellationToken);
    }

    /// <summary>
    /// Moves the journal's reads into the audit log now: before it is read, and before an audited operation adds
    /// its own row, so that the log's order stays the order of time. Must not be called inside a transaction.
    /// </summary>
    public async Task FoldAsync(CancellationToken cancellationToken = default)
    {
        await _folding.WaitAsync(cancellationToken);
        var started = time.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
            var folded = await PiiReadJournal.FoldAsync(db, scope.ServiceProvider.GetRequiredService<SqliteWriteGate>(), PiiReadJournal.DefaultChunkRows, cancellationToken);
            TimelineTelemetry.RecordAuditFold(time.GetElapsedTime(started).TotalSeconds, folded, succeeded: true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            TimelineTelemetry.RecordAuditFold(time.GetElapsedTime(started).TotalSeconds, 0, succeeded: false);
            throw;
        }
        finally
        {
            _folding.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PiiReadJournalEntry>(BatchSize);
        await Task.WhenAll(WriteQueuedAsync(batch, stoppingToken), FoldPeriodicallyAsync(stoppingToken));
        // Stopping: what is already queued is still written, and the journal folded.
        await DrainAsync(batch, CancellationToken.None);
        await TryFoldAsync(CancellationToken.None);
    }

    public override void Dispose()
    {
        _folding.Dispose();
        base.Dispose();
    }

    private async Task WriteQueuedAsync(List<PiiReadJournalEntry> batch, CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.WhenAny(Task.Delay(BatchWindow, stoppingToken), _flushRequested.Task);
                // A request that comes after this point wakes the next window; this drain takes what it waits for.
                Interlocked.Exchange(ref _flushRequested, NewFlushRequest());
                await DrainAsync(batch, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task FoldPeriodicallyAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FoldInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await TryFoldAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static TaskCompletionSource NewFlushRequest() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // A failed fold loses nothing: the reads stay in the journal for the next one.
    private async Task TryFoldAsync(CancellationToken ct)
    {
        try
        {
            await FoldAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFoldFailed(logger, e);
        }
    }

    private async Task DrainAsync(List<PiiReadJournalEntry> batch, CancellationToken ct)
    {
        while (true)
        {
            batch.Clear();
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var entry)) batch.Add(entry);
            if (batch.Count == 0) return;
            TimelineTelemetry.RecordPiiReads(batch.Count, journaled: await WriteAsync(batch, ct));
            Interlocked.Add(ref _settled, batch.Count);
        }
    }

    /// <summary>Writes the batch to the journal; false when it gave up after <see cref="MaxAttempts"/>.</summary>
    private async Task<bool> WriteAsync(List<PiiReadJournalEntry> batch, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
                var gate = scope.ServiceProvider.GetRequiredService<SqliteWriteGate>();
                // One prepared INSERT run per row in one transaction: SaveChanges would build, and at this rate
                // allocate, a statement per row, on the same cores that serve the reads.
                await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
                {
                    await db.Database.OpenConnectionAsync(ct);
                    using var turn = await gate.EnterAsync(db, ct);
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    using (var insert = RowCommand.Insert(db, typeof(PiiReadJournalEntry), includeKey: false))
                    {
                        foreach (var entry in batch) await insert.ExecuteAsync(entry, ct);
                    }
                    await transaction.CommitAsync(ct);
                });
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < MaxAttempts)
            {
                LogRetry(logger, e, batch.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), time, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogGaveUp(logger, e, batch.Count, attempt);
                return false;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} PII-read audit row(s) failed (attempt {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, Exception exception, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Folding the PII-read journal into the audit log failed; its reads wait for the next fold")]
    private static partial void LogFoldFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up writing {Count} PII-read audit row(s) after {Attempt} attempts")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, int count, int attempt);
}
