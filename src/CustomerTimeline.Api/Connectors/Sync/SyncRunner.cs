using CustomerTimeline.Api.Telemetry;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Api.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Connectors.Sync;

/// <summary>
/// Runs one source: takes its lease (or answers <see cref="SyncOutcome.AlreadyRunning"/>), reads each stream in
/// <see cref="ISourceConnector.Streams"/> order from its stored cursor, page after page until the end of the stream,
/// writing every page and its cursor in one transaction (<see cref="SourcePageWriter"/>). A rate limit ends the run
/// "deferred", any other error "failed"; in both cases the cursor stays at the last committed page, so the next run
/// resumes there and nothing is lost or duplicated. Insights of the customers the pages touched are refreshed once
/// at the end of the run (and every <see cref="InsightsFlushCustomers"/> customers or
/// <see cref="SyncOptions.InsightsMaxDelay"/>), not once per page, and not at all for customers another running sync
/// also touched (that run refreshes them when it ends: <see cref="SyncRefreshRegistry"/>); until then their
/// summaries are marked stale, which the background worker also picks up. Singleton: each run gets its own DI
/// scope.
/// </summary>
public sealed partial class SyncRunner(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<SyncOptions> options,
    ILogger<SyncRunner> logger)
{
    private static readonly string Instance = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Touched customers after which a long stream refreshes insights before reading on.</summary>
    internal const int InsightsFlushCustomers = 2_000;

    public async Task<SyncRunResult> RunAsync(EventSource source, CancellationToken ct)
    {
        var started = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var connector = services.GetServices<ISourceConnector>().FirstOrDefault(c => c.Source == source);
        if (connector is null || !connector.IsConfigured)
            return Empty(source, SyncOutcome.NotConfigured, started);

        var db = services.GetRequiredService<TimelineDbContext>();
        var owner = $"{Instance}:{Guid.NewGuid():N}";
        var leaseDuration = options.Value.LeaseDuration;
        if (!await SyncLeases.TryAcquireAsync(db, source, owner, started, leaseDuration, ct))
        {
            LogAlreadyRunning(logger, source);
            return Empty(source, SyncOutcome.AlreadyRunning, started);
        }

        LogStarted(logger, source);
        var writer = services.GetRequiredService<SourcePageWriter>();
        writer.DeferInsights = true;
        using var touched = new TouchedCustomers(services.GetRequiredService<CustomerInsights>(),
            services.GetRequiredService<ITimelineNotifier>(), db, services.GetRequiredService<SyncRefreshRegistry>(), time);
        var totals = new StreamRun("");
        var finished = new List<StreamRun>();
        StreamRun? current = null;
        var outcome = SyncOutcome.Succeeded;
        string? error = null;
        TimeSpan? retryAfter = null;
        var leaseLost = false;
        try
        {
            foreach (var stream in connector.Streams)
            {
                current = new StreamRun(stream);
                await RunStreamAsync(connector, writer, db, current, owner, touched, ct);
                finished.Add(current);
                current = null;
            }
        }
        catch (SourceRateLimitedException e)
        {
            outcome = SyncOutcome.Deferred;
            retryAfter = e.RetryAfter;
            error = SyncErrors.Describe(e);
        }
        catch (SyncLeaseLostException e)
        {
            // Another run owns the source now, and its stream state with it: leave both alone.
            outcome = SyncOutcome.Failed;
            error = SyncErrors.Describe(e);
            leaseLost = true;
            LogFailed(logger, source, current?.Stream, e.GetType().Name, error);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            outcome = SyncOutcome.Cancelled;
            error = "Cancelled: the host is shutting down";
        }
#pragma warning disable CA1031 // Any failure of a run is recorded as its outcome; nothing escapes to the scheduler.
        catch (Exception e)
#pragma warning restore CA1031
        {
            outcome = SyncOutcome.Failed;
            error = SyncErrors.Describe(e);
            LogFailed(logger, source, current?.Stream, e.GetType().Name, error);
        }

        // Whatever pages did commit get their insights now, however the run ended (when the host is stopping,
        // the marked summaries wait for the background worker after the restart).
        if (outcome != SyncOutcome.Cancelled) await RefreshTouchedAsync(touched, source);

        var ended = time.GetUtcNow();
        double? lag = null;
        try
        {
            db.ChangeTracker.Clear();
            foreach (var run in finished)
                lag = Max(lag, await FinishStreamAsync(db, source, run, SyncOutcome.Succeeded, null, ended));
            if (current is not null && !leaseLost)
                lag = Max(lag, await FinishStreamAsync(db, source, current, outcome, error, ended));
        }
        finally
        {
            await SyncLeases.ReleaseAsync(db, source, owner, ended, CancellationToken.None);
        }

        foreach (var run in finished.Append(current).OfType<StreamRun>())
            totals.Add(run);
        var result = new SyncRunResult(source, outcome, started, ended, totals.Pages, totals.Records,
            totals.Duplicates, totals.DeadLettered, totals.Suppressed, lag, error, retryAfter);
        TimelineTelemetry.RecordSyncRun(source.ToString(), outcome.ToString(), result.Records, result.DeadLettered, result.LagSeconds);
        LogRun(logger, source, outcome, result.Pages, result.Records, result.DuplicatesSkipped, result.DeadLettered,
            result.Suppressed, lag, (ended - started).TotalMilliseconds);
        return result;
    }

    private async Task RefreshTouchedAsync(TouchedCustomers touched, EventSource source)
    {
        try
        {
            await touched.RefreshAsync(last: true, CancellationToken.None);
        }
#pragma warning disable CA1031 // Unreadable stored data included: escaping here would end the scheduler's loop and stop the host.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            // Their summaries stay marked stale: the background worker computes them (skipping what it cannot read).
            LogInsightsDeferred(logger, source, e.GetType().Name);
        }
    }

    private async Task RunStreamAsync(ISourceConnector connector, SourcePageWriter writer, TimelineDbContext db,
        StreamRun run, string owner, TouchedCustomers touched, CancellationToken ct)
    {
        var source = connector.Source;
        var cursor = await StartStreamAsync(db, source, run.Stream, ct);
        var maxPages = options.Value.MaxPagesPerRun;
        // The next page is fetched while this one is written (one request in flight, pages still committed in
        // order): the vendor's latency and the JSON reading overlap the database work instead of adding to it.
        using var prefetch = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<SourcePage>? next = null;
        try
        {
            next = connector.FetchPageAsync(run.Stream, cursor, prefetch.Token);
            while (next is not null)
            {
                ct.ThrowIfCancellationRequested();
                var page = await next;
                next = null;
                var more = !page.EndOfStream && page.NextCursor is not null && page.NextCursor != cursor;
                if (more && run.Pages + 1 < maxPages) next = connector.FetchPageAsync(run.Stream, page.NextCursor, prefetch.Token);

                var counts = await writer.WriteAsync(source, run.Stream, page.Records,
                    new PageCommit(run.Stream, page.NextCursor, page.EndOfStream, owner), ct);
                run.Add(counts);
                if (touched.Add(counts.ChangedCustomers) >= InsightsFlushCustomers || touched.Waited >= options.Value.InsightsMaxDelay)
                    await touched.RefreshAsync(last: false, ct);
                LogPage(logger, source, run.Stream, run.Pages, counts.Records, counts.Inserted, counts.Updated, counts.Deleted,
                    counts.DuplicatesSkipped, counts.DeadLettered, counts.CustomersCreated, counts.CustomersMerged);
                if (page.EndOfStream) return;
                if (!more)
                    throw new ConnectorContractException("The connector returned a page without a new cursor before the end of the stream.");
                cursor = page.NextCursor;
            }
            LogPageLimit(logger, source, run.Stream, maxPages);
        }
        finally
        {
            // A page fetched ahead but never written (the write failed, or the run stops) is dropped: its cursor
            // was never committed, so the next run reads it again.
            if (next is not null) await DropAsync(next, prefetch);
        }
    }

    private static async Task DropAsync(Task<SourcePage> fetch, CancellationTokenSource cancel)
    {
        await cancel.CancelAsync();
        try
        {
            await fetch;
        }
#pragma warning disable CA1031 // The dropped fetch's own failure does not matter: the run already ended another way.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>Creates the stream's state on its first run, marks the run start and returns the stored cursor.</summary>
    private async Task<string?> StartStreamAsync(TimelineDbContext db, EventSource source, string stream, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var state = await db.SyncStates.AsTracking().FirstOrDefaultAsync(s => s.Source == source && s.Stream == stream, ct);
        if (state is null)
        {
            state = new SyncState { Source = source, Stream = stream };
            db.SyncStates.Add(state);
        }
        state.LastRunStartedAt = time.GetUtcNow();
        state.LastRunPages = 0;
        state.LastRunRecords = 0;
        state.LastRunDuplicatesSkipped = 0;
        state.LastRunDeadLettered = 0;
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return state.Cursor;
    }

    private static async Task<double?> FinishStreamAsync(TimelineDbContext db, EventSource source, StreamRun run,
        SyncOutcome outcome, string? error, DateTimeOffset ended)
    {
        var state = await db.SyncStates.AsTracking()
            .FirstOrDefaultAsync(s => s.Source == source && s.Stream == run.Stream, CancellationToken.None);
        if (state is null) return null;
        state.Status = outcome switch
        {
            SyncOutcome.Succeeded => SyncStatus.Succeeded,
            SyncOutcome.Deferred => SyncStatus.Deferred,
            SyncOutcome.Cancelled => SyncStatus.Cancelled,
            _ => SyncStatus.Failed,
        };
        state.LastRunEndedAt = ended;
        state.LastError = error;
        if (outcome == SyncOutcome.Succeeded) state.LastSuccessAt = ended;
        state.LagSeconds = state.CompleteUpTo is { } upTo ? Math.Max(0, (ended - upTo).TotalSeconds) : null;
        await db.SaveChangesAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
        return state.LagSeconds;
    }

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static SyncRunResult Empty(EventSource source, SyncOutcome outcome, DateTimeOffset at) =>
        new(source, outcome, at, at, 0, 0, 0, 0, 0, null, null, null);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync {Source}: refreshing the touched customers' insights failed with {ErrorType}; the background worker will")]
    private static partial void LogInsightsDeferred(ILogger logger, EventSource source, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync {Source}: skipped, another run holds the lease")]
    private static partial void LogAlreadyRunning(ILogger logger, EventSource source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync {Source}: started")]
    private static partial void LogStarted(ILogger logger, EventSource source);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sync {Source}/{Stream}: page {Page} committed: {Records} records, {Inserted} inserted, {Updated} updated, {Deleted} deleted, {Duplicates} duplicates skipped, {DeadLettered} dead-lettered, {Created} customers created, {Merged} merged")]
    private static partial void LogPage(ILogger logger, EventSource source, string stream, int page, int records, int inserted,
        int updated, int deleted, int duplicates, int deadLettered, int created, int merged);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync {Source}/{Stream}: stopped after {MaxPages} pages (Sync:MaxPagesPerRun); the next run resumes there")]
    private static partial void LogPageLimit(ILogger logger, EventSource source, string stream, int maxPages);

    // The error is SyncErrors' description, which keeps no personal data.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync {Source}: stream {Stream} failed with {ErrorType}: {Error}")]
    private static partial void LogFailed(ILogger logger, EventSource source, string? stream, string errorType, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync {Source}: {Outcome}; {Pages} pages, {Records} records, {Duplicates} duplicates skipped, {DeadLettered} dead-lettered, {Suppressed} suppressed, lag {LagSeconds} s, {ElapsedMs} ms")]
    private static partial void LogRun(ILogger logger, EventSource source, SyncOutcome outcome, int pages, long records,
        long duplicates, long deadLettered, long suppressed, double? lagSeconds, double elapsedMs);

    private sealed class StreamRun(string stream)
    {
        public string Stream { get; } = stream;
        public int Pages { get; private set; }
        public long Records { get; private set; }
        public long Duplicates { get; private set; }
        public long DeadLettered { get; private set; }
        public long Suppressed { get; private set; }

        public void Add(PageCounts counts)
        {
            Pages++;
            Records += counts.Records;
            Duplicates += counts.DuplicatesSkipped;
            DeadLettered += counts.DeadLettered;
            Suppressed += counts.Suppressed;
        }

        public void Add(StreamRun other)
        {
            Pages += other.Pages;
            Records += other.Records;
            Duplicates += other.Duplicates;
            DeadLettered += other.DeadLettered;
            Suppressed += other.Suppressed;
        }
    }
}
