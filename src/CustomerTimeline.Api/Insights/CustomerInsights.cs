using CustomerTimeline.Api.Analysis;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Journey;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Insights;

/// <summary>
/// THE entry point after anything changed a customer's events: the ingestion pipeline calls
/// <see cref="RefreshAsync"/> with the ids of the customers a committed page touched (including customers merged
/// away), the background worker calls it after map changes and bulk loads. For each customer it analyzes new
/// text, classifies events on the active map (only the new ones when the stored aggregates still cover the rest), updates the journey aggregates, recomputes the experience score
/// and the automation signals, and updates the customer summary. Idempotent; written in one transaction per batch
/// (the caller's, when one is open; otherwise computed first and written in a short one, see
/// <see cref="RefreshOutsideLockAsync"/>).
/// </summary>
public sealed partial class CustomerInsights(
    JourneyMapStore maps,
    ITextAnalyzer analyzer,
    AutomationRuleSet rules,
    IOptions<ExperienceOptions> experienceOptions,
    IOptions<JourneyOptions> journeyOptions,
    InsightsDataVersion dataVersion,
    SqliteWriteGate writeGate,
    TimeProvider time,
    ILogger<CustomerInsights> logger)
{
    private const int SignalHistoryDays = 365;

    /// <summary>Recomputes these customers; unknown ids (deleted or merged away) are skipped. Returns the customers computed.</summary>
    public async Task<int> RefreshAsync(TimelineDbContext db, IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(customerIds);
        if (customerIds.Count == 0) return 0;
        var map = maps.Current;
        var computed = 0;
        foreach (var chunk in customerIds.Distinct().Order().Chunk(journeyOptions.Value.BatchSize))
        {
            computed += db.Database.CurrentTransaction is not null
                ? await RefreshChunkAsync(db, chunk, map, cancellationToken)
                : await RefreshOutsideLockAsync(db, chunk, map, cancellationToken);
        }
        dataVersion.Bump();
        LogRefreshed(logger, computed, map.Version);
        return computed;
    }

    /// <summary>
    /// Marks these customers' summaries as not computed on the current map version, inside the caller's
    /// transaction: the background worker recomputes every such customer, so a refresh deferred past the commit is
    /// never lost. The version is negated, not cleared: the stored aggregates are still those of that version, so
    /// the refresh can still fold the new events in.
    /// </summary>
    public static Task<int> MarkStaleAsync(TimelineDbContext db, IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(customerIds);
        return MarkAsync();

        async Task<int> MarkAsync()
        {
            await BumpVersionsAsync(db, customerIds, cancellationToken);
            return await db.CustomerSummaries().Where(s => EF.Parameter(customerIds).Contains(s.CustomerId))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.MapVersion, s => s.MapVersion > 0 ? -s.MapVersion : s.MapVersion), cancellationToken);
        }
    }

    /// <summary>
    /// Moves these customers' <see cref="Customer.InsightsVersion"/>: every write that changes what a refresh reads
    /// of a customer does it in its own transaction (a page marking them stale, a refresh saving them), so a refresh
    /// computed outside the write lock can tell, once it holds the lock, whether its customers are still as it read them.
    /// </summary>
    private static Task<int> BumpVersionsAsync(TimelineDbContext db, IReadOnlyCollection<long> customerIds, CancellationToken ct) =>
        db.Customers.Where(c => EF.Parameter(customerIds).Contains(c.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.InsightsVersion, c => c.InsightsVersion + 1), ct);

    /// <summary>
    /// Reads and computes a chunk before taking the write lock (SQLite has one, and pages of every source wait for
    /// it), then writes, in a short transaction, the customers nothing changed meanwhile. Those a commit changed in
    /// between are computed again in a transaction of their own, as a refresh inside a caller's transaction is.
    /// </summary>
    private async Task<int> RefreshOutsideLockAsync(TimelineDbContext db, IReadOnlyCollection<long> ids, ActiveJourneyMap map, CancellationToken ct)
    {
        // Events the caller tracks would take this chunk's analysis with its SaveChanges: keep it all in one transaction.
        if (db.ChangeTracker.Entries<TimelineEvent>().Any()) return await RefreshInTransactionAsync(db, ids, map, ct);

        // First: a commit that changes one of them after this read moves its version.
        var versions = await VersionsAsync(db, ids, ct);
        if (versions.Count == 0) return 0;
        var moved = new List<long>();
        int saved;
        try
        {
            var work = await ComputeAsync(db, [.. versions.Keys], map, ct);
            if (work is null) return 0;
            saved = await InWriteTransactionAsync(db, async token =>
            {
                // Bumped first, then read back: the rows are this transaction's until it ends, on either provider.
                await BumpVersionsAsync(db, work.Customers, token);
                var now = await VersionsAsync(db, work.Customers, token);
                var changed = work.Customers.Where(id => !now.TryGetValue(id, out var v) || v != versions[id] + 1).ToList();
                work.Drop(db, changed);
                moved.AddRange(changed); // kept across a retried attempt, which no longer has them
                await SaveAsync(db, work, token);
                return work.Customers.Count;
            }, ct);
        }
        finally
        {
            DetachOurs(db);
        }
        if (moved.Count > 0)
        {
            LogRecomputed(logger, moved.Count);
            saved += await RefreshInTransactionAsync(db, moved, map, ct);
        }
        return saved;
    }

    private Task<int> RefreshInTransactionAsync(TimelineDbContext db, IReadOnlyCollection<long> ids, ActiveJourneyMap map, CancellationToken ct) =>
        InWriteTransactionAsync(db, token => RefreshChunkAsync(db, ids, map, token), ct);

    /// <summary>One write transaction, its turn at SQLite's write lock taken first (<see cref="SqliteWriteGate"/>).</summary>
    private async Task<int> InWriteTransactionAsync(TimelineDbContext db, Func<CancellationToken, Task<int>> write, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async token =>
        {
            using var turn = await writeGate.EnterAsync(db, token);
            await using var tx = await db.Database.BeginTransactionAsync(token);
            var n = await write(token);
            await tx.CommitAsync(token);
            return n;
        }, ct);
    }

    private static Task<Dictionary<long, long>> VersionsAsync(TimelineDbContext db, IReadOnlyCollection<long> customerIds, CancellationToken ct) =>
        db.Customers.Where(c => EF.Parameter(customerIds).Contains(c.Id))
            .Select(c => new { c.Id, c.InsightsVersion }).ToDictionaryAsync(c => c.Id, c => c.InsightsVersion, ct);

    /// <summary>The same work inside a transaction the caller owns (the background worker also moves its checkpoint in it).</summary>
    internal async Task<int> RefreshChunkAsync(TimelineDbContext db, IReadOnlyCollection<long> ids, ActiveJourneyMap map, CancellationToken cancellationToken)
    {
        try
        {
            var work = await ComputeAsync(db, ids, map, cancellationToken);
            if (work is null) return 0;
            await BumpVersionsAsync(db, work.Customers, cancellationToken);
            await SaveAsync(db, work, cancellationToken);
            return work.Customers.Count;
        }
        finally
        {
            DetachOurs(db);
        }
    }

    /// <summary>Leaves the caller's context as we found it: only its own entities stay tracked.</summary>
    private static void DetachOurs(TimelineDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(IsOurs).ToList())
            entry.State = EntityState.Detached;
    }

    /// <summary>Reads and computes; what it changes is tracked or listed in the result, and nothing is written yet.</summary>
    private async Task<RefreshWork?> ComputeAsync(
        TimelineDbContext db, IReadOnlyCollection<long> ids, ActiveJourneyMap map, CancellationToken ct)
    {
        var options = experienceOptions.Value;
        var now = time.GetUtcNow();
        var existing = await db.Customers.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        if (existing.Count == 0) return null;

        var enricher = new EventTextEnricher(analyzer, options.SurveyCommentWeight);
        var scorer = new ExperienceScorer(options);
        var evaluator = new SignalEvaluator(rules.Rules, options);
        var summaries = await db.CustomerSummaries().AsTracking().Where(s => existing.Contains(s.CustomerId)).ToDictionaryAsync(s => s.CustomerId, ct);

        // Customers whose stored aggregates still cover their analyzed events only read their recent window (and
        // their new events); the others read every event. Untracked: snapshotting and diffing thousands of tracked
        // rows cost more than the analysis itself.
        var windowFrom = now.AddDays(-(Math.Max(scorer.LookbackDays, evaluator.LookbackDays) + 1));
        // Survey answers count for a year, everything else for weeks: reading every kind a year back held most of a
        // large customer's events.
        var surveysFrom = now.AddDays(-(Math.Max(scorer.SurveyLookbackDays, evaluator.SurveyLookbackDays) + 1));
        var incremental = await IncrementalCustomersAsync(db, existing, summaries, map, ct);
        var solvedFrom = now.AddDays(-(evaluator.SolvedLookbackDays + 1));
        var recent = await LoadRecentAsync(db, incremental, new RecentWindow(windowFrom, surveysFrom, solvedFrom), ct);
        // The new (not yet analyzed) events of each of them: the only ones analyzed and classified below.
        var added = incremental.ToDictionary(id => id, id => recent.GetValueOrDefault(id, []).Where(e => e.Intents is null).ToList());
        foreach (var id in incremental.ToList())
        {
            // A new event with an earlier purchase moves every later event's days since purchase: recompute all.
            if (map.Classifier.FindPurchase(added[id]) is { } purchase
                && (summaries[id].PurchasedAt is not { } known || purchase < known))
                incremental.Remove(id);
        }
        var full = existing.Where(id => !incremental.Contains(id)).ToList();
        var events = await LoadAllAsync(db, full, ct);

        var signalsFrom = now.AddDays(-SignalHistoryDays);
        var signals = (await db.CustomerSignals().AsTracking()
            .Where(s => existing.Contains(s.CustomerId) && (s.ResolvedAt == null || s.RaisedAt >= signalsFrom))
            .ToListAsync(ct)).ToLookup(s => s.CustomerId);

        // The aggregates are reconciled row by row: a refresh after a few new events rewrites only what moved.
        var oldStages = (await db.CustomerJourneyStages().AsTracking().Where(s => existing.Contains(s.CustomerId)).ToListAsync(ct)).ToLookup(s => s.CustomerId);
        var oldTouchpoints = (await db.CustomerTouchpoints().AsTracking().Where(s => existing.Contains(s.CustomerId)).ToListAsync(ct)).ToLookup(s => s.CustomerId);
        var oldUses = (await db.CustomerChannelUses().AsTracking().Where(s => existing.Contains(s.CustomerId)).ToListAsync(ct)).ToLookup(s => s.CustomerId);

        var trackedEvents = EventInsight.Tracked(db);
        var changedEvents = new List<TimelineEvent>();
        var newRows = new List<object>();
        foreach (var customerId in existing)
        {
            var isIncremental = incremental.Contains(customerId);
            // The events the score and the rules read (all, or the recent window), and those analyzed and classified now.
            var mine = (isIncremental ? recent : events).GetValueOrDefault(customerId, []);
            var analyzed = isIncremental ? added[customerId] : mine;
            var before = analyzed.ConvertAll(EventInsight.Of);
            enricher.Enrich(analyzed);
            var summary = summaries.GetValueOrDefault(customerId);
            DateTimeOffset? purchasedAt;
            if (isIncremental)
            {
                purchasedAt = summary!.PurchasedAt;
                map.Classifier.Classify(analyzed, purchasedAt);
            }
            else
            {
                purchasedAt = map.Classifier.ClassifyAll(analyzed);
            }
            for (var i = 0; i < analyzed.Count; i++)
            {
                if (EventInsight.Of(analyzed[i]) != before[i] && !EventInsight.TryCopyToTracked(trackedEvents, analyzed[i])) changedEvents.Add(analyzed[i]);
            }

            var journey = isIncremental
                ? Fold(customerId, summary!, analyzed, oldStages[customerId], oldTouchpoints[customerId], oldUses[customerId], map, newRows)
                : Rebuild(db, customerId, analyzed, oldStages[customerId], oldTouchpoints[customerId], oldUses[customerId], map, newRows);
            var enteredStage = isIncremental ? await EnteredCurrentStageAsync(db, journey, windowFrom, ct) : null;

            var experience = scorer.Score(mine, now, journey.FirstEventAt);
            var past = signals[customerId].ToList();
            var drafts = evaluator.Evaluate(new SignalEvaluator.Context(mine, now, journey.CurrentStageKey, journey.Stages, map.Definition, past, enteredStage));
            Reconcile(db, customerId, past, drafts, now);

            if (summary is null)
            {
                summary = new CustomerSummary { CustomerId = customerId, ExperienceJson = "" };
                newRows.Add(summary);
            }
            summary.MapVersion = map.Version;
            summary.CurrentStageKey = journey.CurrentStageKey;
            summary.FirstEventAt = journey.FirstEventAt;
            summary.LastEventAt = journey.LastEventAt;
            summary.EventCount = isIncremental ? summary.EventCount + analyzed.Count : analyzed.Count;
            summary.EventIdSum = (isIncremental ? summary.EventIdSum!.Value : 0) + analyzed.Sum(e => e.Id);
            summary.PurchasedAt = purchasedAt;
            summary.ExperienceScore = experience.Score;
            summary.ScoreChange = experience.Change;
            summary.RepeatedProblem = experience.RepeatedProblems.Count > 0;
            summary.Priority = drafts.Any(d => d.Severity >= SignalSeverity.High);
            summary.ExperienceJson = experience.ToJson();
            summary.ComputedAt = now;
        }
        return new RefreshWork(existing, changedEvents, newRows);
    }

    /// <summary>Writes what <see cref="ComputeAsync"/> left, in the caller's transaction.</summary>
    private static async Task SaveAsync(TimelineDbContext db, RefreshWork work, CancellationToken ct)
    {
        var (changedEvents, newRows) = (work.ChangedEvents, work.NewRows);
        // The caller's context may have automatic change detection off (bulk writers turn it off): the summaries and
        // signals changed above must be saved regardless. (The bench's grown customer kept a stale summary this way.)
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        // Most rows a refresh writes are new aggregates and the columns of new events: one prepared statement per
        // table for them instead of SaveChanges building one per row. (Removed rows were deleted above; a new row
        // never has the key of a removed one.)
        if (changedEvents.Count > 0)
        {
            using var update = EventInsight.UpdateCommand(db);
            foreach (var e in changedEvents) await update.ExecuteAsync(e, ct);
        }
        foreach (var rows in newRows.GroupBy(r => r.GetType()))
        {
            using var insert = RowCommand.Insert(db, rows.Key, includeKey: true);
            foreach (var row in rows) await insert.ExecuteAsync(row, ct);
        }
    }

    private JourneyState Rebuild(TimelineDbContext db, long customerId, List<TimelineEvent> all, IEnumerable<CustomerJourneyStage> stages,
        IEnumerable<CustomerTouchpoint> touchpoints, IEnumerable<CustomerChannelUse> uses, ActiveJourneyMap map, List<object> newRows)
    {
        var journey = JourneyAggregator.Aggregate(customerId, all, map.Definition, experienceOptions.Value.NegativeSentimentBelow);
        Reconcile(db, stages, journey.Stages, r => r.StageKey, newRows);
        Reconcile(db, touchpoints, journey.Touchpoints, r => r.TouchpointKey, newRows);
        Reconcile(db, uses, journey.Channels, r => (r.TouchpointKey, r.Channel), newRows);
        return new JourneyState(journey.Stages, journey.CurrentStageKey, journey.FirstEventAt, journey.LastEventAt);
    }

    private static void Reconcile<T, TKey>(TimelineDbContext db, IEnumerable<T> stored, IEnumerable<T> computed, Func<T, TKey> key, List<object> newRows)
        where T : class
        where TKey : notnull
    {
        var byKey = stored.ToDictionary(key);
        foreach (var row in computed)
        {
            if (byKey.Remove(key(row), out var current)) db.Entry(current).CurrentValues.SetValues(row);
            else newRows.Add(row);
        }
        foreach (var gone in byKey.Values) db.Remove(gone);
    }

    private static void Reconcile(TimelineDbContext db, long customerId, List<CustomerSignal> past, IReadOnlyList<SignalDraft> drafts, DateTimeOffset now)
    {
        var open = past.Where(s => s.ResolvedAt is null).ToDictionary(s => s.Key, StringComparer.Ordinal);
        foreach (var draft in drafts)
        {
            var eventIds = string.Join(',', draft.EventIds);
            if (open.Remove(draft.Key, out var row))
            {
                row.Kind = draft.Kind;
                row.Severity = draft.Severity;
                row.Reason = draft.Reason;
                row.EventIds = eventIds;
                row.TriggeredAt = draft.TriggeredAt;
                row.ActionKind = draft.Action?.Kind;
                row.ActionTitle = draft.Action?.Title;
                row.ActionPriority = draft.Action?.Priority ?? 0;
                continue;
            }
            db.CustomerSignals().Add(new CustomerSignal
            {
                CustomerId = customerId, Key = draft.Key, RuleId = draft.RuleId, Kind = draft.Kind, Severity = draft.Severity,
                Reason = draft.Reason, EventIds = eventIds, RaisedAt = now, TriggeredAt = draft.TriggeredAt,
                ActionKind = draft.Action?.Kind, ActionTitle = draft.Action?.Title, ActionPriority = draft.Action?.Priority ?? 0,
            });
        }
        foreach (var stale in open.Values) stale.ResolvedAt = now;
    }

    private static bool IsOurs(EntityEntry entry) => entry.Entity is CustomerJourneyStage or CustomerTouchpoint or CustomerChannelUse
        or CustomerSummary or CustomerSignal;

    private static long CustomerIdOf(object row) => row switch
    {
        CustomerJourneyStage r => r.CustomerId,
        CustomerTouchpoint r => r.CustomerId,
        CustomerChannelUse r => r.CustomerId,
        CustomerSummary r => r.CustomerId,
        CustomerSignal r => r.CustomerId,
        _ => throw new ArgumentException("Not a row of the insights: " + row.GetType().Name, nameof(row)),
    };

    /// <summary>A computed chunk not written yet: its customers, the events whose insight columns changed, and new rows.</summary>
    private sealed record RefreshWork(List<long> Customers, List<TimelineEvent> ChangedEvents, List<object> NewRows)
    {
        /// <summary>Leaves these customers out of the write: their tracked changes are dropped, their rows and events too.</summary>
        public void Drop(TimelineDbContext db, List<long> customers)
        {
            if (customers.Count == 0) return;
            var set = customers.ToHashSet();
            Customers.RemoveAll(set.Contains);
            ChangedEvents.RemoveAll(e => set.Contains(e.CustomerId));
            NewRows.RemoveAll(r => set.Contains(CustomerIdOf(r)));
            foreach (var entry in db.ChangeTracker.Entries().Where(e => IsOurs(e) && set.Contains(CustomerIdOf(e.Entity))).ToList())
                entry.State = EntityState.Detached;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Insights of {Count} customer(s) changed while they were computed: computed again in the write lock")]
    private static partial void LogRecomputed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Insights refreshed for {Count} customer(s) on journey map version {MapVersion}")]
    private static partial void LogRefreshed(ILogger logger, int count, int mapVersion);
}
