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
/// text, classifies every event on the active map, rewrites the journey aggregates, recomputes the experience score
/// and the automation signals, and updates the customer summary. Idempotent; all in one transaction per batch
/// (the caller's, when one is open).
/// </summary>
public sealed partial class CustomerInsights(
    JourneyMapStore maps,
    ITextAnalyzer analyzer,
    AutomationRuleSet rules,
    IOptions<ExperienceOptions> experienceOptions,
    IOptions<JourneyOptions> journeyOptions,
    InsightsDataVersion dataVersion,
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
            if (db.Database.CurrentTransaction is not null)
            {
                computed += await RefreshChunkAsync(db, chunk, map, cancellationToken);
                continue;
            }
            var strategy = db.Database.CreateExecutionStrategy();
            computed += await strategy.ExecuteAsync(async ct =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var n = await RefreshChunkAsync(db, chunk, map, ct);
                await tx.CommitAsync(ct);
                return n;
            }, cancellationToken);
        }
        dataVersion.Bump();
        LogRefreshed(logger, computed, map.Version);
        return computed;
    }

    /// <summary>
    /// Marks these customers' summaries as not computed on any map version, inside the caller's transaction: the
    /// background worker recomputes every such customer, so a refresh deferred past the commit is never lost.
    /// </summary>
    public static Task<int> MarkStaleAsync(TimelineDbContext db, IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(customerIds);
        return db.CustomerSummaries().Where(s => customerIds.Contains(s.CustomerId))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.MapVersion, 0), cancellationToken);
    }

    /// <summary>The same work inside a transaction the caller owns (the background worker also moves its checkpoint in it).</summary>
    internal async Task<int> RefreshChunkAsync(TimelineDbContext db, IReadOnlyCollection<long> ids, ActiveJourneyMap map, CancellationToken cancellationToken)
    {
        try
        {
            return await ComputeAndSaveAsync(db, ids, map, cancellationToken);
        }
        finally
        {
            // Leave the caller's context as we found it: only its own entities stay tracked.
            foreach (var entry in db.ChangeTracker.Entries().Where(IsOurs).ToList())
                entry.State = EntityState.Detached;
        }
    }

    private async Task<int> ComputeAndSaveAsync(
        TimelineDbContext db, IReadOnlyCollection<long> ids, ActiveJourneyMap map, CancellationToken ct)
    {
        var options = experienceOptions.Value;
        var now = time.GetUtcNow();
        var existing = await db.Customers.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        if (existing.Count == 0) return 0;

        // Untracked: a refresh reads every event of these customers but usually changes few of them, and
        // snapshotting and diffing thousands of tracked rows cost more than the analysis itself.
        var events = (await db.Events.AsNoTracking().Where(e => existing.Contains(e.CustomerId)).ToListAsync(ct))
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToLookup(e => e.CustomerId);
        var signalsFrom = now.AddDays(-SignalHistoryDays);
        var signals = (await db.CustomerSignals().AsTracking()
            .Where(s => existing.Contains(s.CustomerId) && (s.ResolvedAt == null || s.RaisedAt >= signalsFrom))
            .ToListAsync(ct)).ToLookup(s => s.CustomerId);
        var summaries = await db.CustomerSummaries().AsTracking().Where(s => existing.Contains(s.CustomerId)).ToDictionaryAsync(s => s.CustomerId, ct);

        // The aggregates are reconciled row by row: a refresh after a few new events rewrites only what moved.
        var oldStages = (await db.CustomerJourneyStages().AsTracking().Where(s => existing.Contains(s.CustomerId)).ToListAsync(ct)).ToLookup(s => s.CustomerId);
        var oldTouchpoints = (await db.CustomerTouchpoints().AsTracking().Where(s => existing.Contains(s.CustomerId)).ToListAsync(ct)).ToLookup(s => s.CustomerId);
        var oldUses = (await db.CustomerChannelUses().AsTracking().Where(s => existing.Contains(s.CustomerId)).ToListAsync(ct)).ToLookup(s => s.CustomerId);

        var trackedEvents = EventInsight.Tracked(db);
        var changedEvents = new List<TimelineEvent>();
        var newRows = new List<object>();
        var enricher = new EventTextEnricher(analyzer, options.SurveyCommentWeight);
        var scorer = new ExperienceScorer(options);
        var evaluator = new SignalEvaluator(rules.Rules, options);
        foreach (var customerId in existing)
        {
            var mine = events[customerId].ToList();
            var before = mine.ConvertAll(EventInsight.Of);
            enricher.Enrich(mine);
            map.Classifier.ClassifyAll(mine);
            for (var i = 0; i < mine.Count; i++)
            {
                if (EventInsight.Of(mine[i]) != before[i] && !EventInsight.TryCopyToTracked(trackedEvents, mine[i])) changedEvents.Add(mine[i]);
            }

            var journey = JourneyAggregator.Aggregate(customerId, mine, map.Definition, options.NegativeSentimentBelow);
            Reconcile(db, oldStages[customerId], journey.Stages, r => r.StageKey, newRows);
            Reconcile(db, oldTouchpoints[customerId], journey.Touchpoints, r => r.TouchpointKey, newRows);
            Reconcile(db, oldUses[customerId], journey.Channels, r => (r.TouchpointKey, r.Channel), newRows);

            var experience = scorer.Score(mine, now);
            var past = signals[customerId].ToList();
            var drafts = evaluator.Evaluate(new SignalEvaluator.Context(mine, now, journey.CurrentStageKey, journey.Stages, map.Definition, past));
            Reconcile(db, customerId, past, drafts, now);

            if (!summaries.TryGetValue(customerId, out var summary))
            {
                summary = new CustomerSummary { CustomerId = customerId, ExperienceJson = "" };
                newRows.Add(summary);
            }
            summary.MapVersion = map.Version;
            summary.CurrentStageKey = journey.CurrentStageKey;
            summary.FirstEventAt = journey.FirstEventAt;
            summary.LastEventAt = journey.LastEventAt;
            summary.EventCount = mine.Count;
            summary.ExperienceScore = experience.Score;
            summary.ScoreChange = experience.Change;
            summary.RepeatedProblem = experience.RepeatedProblems.Count > 0;
            summary.Priority = drafts.Any(d => d.Severity >= SignalSeverity.High);
            summary.ExperienceJson = experience.ToJson();
            summary.ComputedAt = now;
        }
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
        return existing.Count;
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Insights refreshed for {Count} customer(s) on journey map version {MapVersion}")]
    private static partial void LogRefreshed(ILogger logger, int count, int mapVersion);
}
