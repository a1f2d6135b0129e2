using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Journey;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Insights;

// The incremental refresh: a customer whose stored aggregates still cover exactly their analyzed events gets
// only the new events analyzed, classified and folded in, and the score and rules read the recent window. The
// result is the one a full recompute gives (the aggregates' sentiment sums may differ in the last bits of the
// floating-point sum); a test compares the two on generated customers.
public sealed partial class CustomerInsights
{
    /// <summary>What the score, the rules and the summary need from the journey, computed in full or folded.</summary>
    private sealed record JourneyState(
        IReadOnlyList<CustomerJourneyStage> Stages, string? CurrentStageKey, DateTimeOffset? FirstEventAt, DateTimeOffset? LastEventAt);

    /// <summary>
    /// The customers computed on this map (marked stale or not) whose analyzed events are the ones their summary counted (same count,
    /// same id sum): nothing deleted, merged in or out, or edited since (an edit clears an event's analysis).
    /// </summary>
    private static async Task<HashSet<long>> IncrementalCustomersAsync(
        TimelineDbContext db, List<long> ids, Dictionary<long, CustomerSummary> summaries, ActiveJourneyMap map, CancellationToken ct)
    {
        var candidates = ids.Where(id => summaries.TryGetValue(id, out var s) && Math.Abs(s.MapVersion) == map.Version && s.EventIdSum is not null).ToList();
        if (candidates.Count == 0) return [];
        var analyzed = await db.Events.Where(e => candidates.Contains(e.CustomerId) && e.Intents != null)
            .GroupBy(e => e.CustomerId)
            .Select(g => new { CustomerId = g.Key, Count = g.Count(), IdSum = g.Sum(e => e.Id) })
            .ToDictionaryAsync(a => a.CustomerId, ct);
        return candidates.Where(id =>
        {
            var summary = summaries[id];
            var found = analyzed.GetValueOrDefault(id);
            return (found?.Count ?? 0) == summary.EventCount && (found?.IdSum ?? 0) == summary.EventIdSum;
        }).ToHashSet();
    }

    /// <summary>
    /// The events of the window, every ticket (a ticket solved in the window may have been opened long before, and
    /// its tags name the problem of recent messages) and every event not analyzed yet.
    /// </summary>
    private static async Task<Dictionary<long, List<TimelineEvent>>> LoadRecentAsync(
        TimelineDbContext db, HashSet<long> ids, RecentWindow window, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var rows = db.Database.IsSqlite() ? RefreshEventReader.ReadWindow(db, ids, window, ct) : await LoadRecentWithEfAsync(db, ids, window, ct);
        KeepUsedOlderTickets(rows, window);
        return ByCustomer(rows);
    }

    /// <summary>Every event of these customers (those computed in full), oldest first.</summary>
    private static async Task<Dictionary<long, List<TimelineEvent>>> LoadAllAsync(TimelineDbContext db, List<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var rows = db.Database.IsSqlite()
            ? RefreshEventReader.ReadAll(db, ids, ct)
            : await db.Events.AsNoTracking().Where(e => ids.Contains(e.CustomerId)).OrderBy(e => e.CustomerId).ThenBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync(ct);
        return ByCustomer(rows);
    }

    /// <summary>Rows read in (customer, time, id) order: each customer's events are one run of the list (for one customer, the list).</summary>
    private static Dictionary<long, List<TimelineEvent>> ByCustomer(List<TimelineEvent> rows)
    {
        var byCustomer = new Dictionary<long, List<TimelineEvent>>();
        for (var start = 0; start < rows.Count;)
        {
            var end = start + 1;
            while (end < rows.Count && rows[end].CustomerId == rows[start].CustomerId) end++;
            byCustomer.Add(rows[start].CustomerId, start == 0 && end == rows.Count ? rows : rows.GetRange(start, end - start));
            start = end;
        }
        return byCustomer;
    }

    /// <summary>
    /// Tickets opened before the window are read for two things: a survey due after one solved lately, and the problem a
    /// message names by its ticket. The others (most of them: a large customer has thousands) are let go here, before
    /// the refresh holds them.
    /// </summary>
    private static void KeepUsedOlderTickets(List<TimelineEvent> rows, RecentWindow window)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in rows)
        {
            if (e.Kind == EventKind.TicketMessage) named.Add(e.DetailsAs<TicketMessageDetails>().TicketId);
        }
        rows.RemoveAll(e => e.Kind == EventKind.Ticket && e.OccurredAt < window.From && e.Intents is not null
            && !(e.DetailsAs<TicketDetails>().SolvedAt >= window.SolvedFrom) && !named.Contains(e.SourceRecordId));
    }

    /// <summary>
    /// The window through EF (other providers than SQLite, where <see cref="RefreshEventReader"/> reads it). Details
    /// (the largest column) only where something reads them: the score and the rules read tickets, their messages and
    /// survey answers; new events are analyzed and classified from theirs (and their titles). Any other event keeps an
    /// empty Details, which fails loudly if read, and no title or summary; nothing of it is written back (only insight
    /// columns are). Record ids are kept for tickets only (their messages name them), the few distinct stage,
    /// touchpoint and intent strings are shared instead of one copy per row, and rows keep their parsed details only.
    /// </summary>
    internal static async Task<List<TimelineEvent>> LoadRecentWithEfAsync(
        TimelineDbContext db, IReadOnlyCollection<long> ids, RecentWindow window, CancellationToken ct)
    {
        var list = ids.ToList();
        var (from, surveysFrom, _) = window;
        var rows = await db.Events.AsNoTracking()
            .Where(e => list.Contains(e.CustomerId)
                && (e.OccurredAt >= from || (e.Kind == EventKind.SurveyAnswer && e.OccurredAt >= surveysFrom) || e.Kind == EventKind.Ticket || e.Intents == null))
            .OrderBy(e => e.CustomerId).ThenBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Select(e => new TimelineEvent
            {
                Id = e.Id,
                CustomerId = e.CustomerId,
                Source = e.Source,
                SourceRecordId = e.Kind == EventKind.Ticket ? e.SourceRecordId : "",
                Kind = e.Kind,
                OccurredAt = e.OccurredAt,
                Channel = e.Channel,
                Title = e.Intents == null ? e.Title : "",
                Summary = null,
                Sentiment = e.Sentiment,
                Urgent = e.Urgent,
                Intents = e.Intents,
                StageKey = e.StageKey,
                TouchpointKey = e.TouchpointKey,
                SourceUpdatedAt = e.SourceUpdatedAt,
                Details = e.Intents == null || e.Kind == EventKind.Ticket || e.Kind == EventKind.TicketMessage || e.Kind == EventKind.SurveyAnswer
                    ? e.Details
                    : "",
            })
            .ToListAsync(ct);
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in rows)
        {
            e.StageKey = Shared(shared, e.StageKey);
            e.TouchpointKey = Shared(shared, e.TouchpointKey);
            e.Intents = Shared(shared, e.Intents);
            // Only the parsed details are read from here on (the analysis of new events' text included); analyzed
            // events' free text not even that.
            if (e.Details.Length == 0) continue;
            if (e.Intents is null) e.KeepParsedDetailsOnly();
            else e.KeepAnalyzedDetailsOnly();
        }
        return rows;

        static string? Shared(Dictionary<string, string> shared, string? value)
        {
            if (value is null) return null;
            if (shared.TryGetValue(value, out var same)) return same;
            shared[value] = value;
            return value;
        }
    }

    private JourneyState Fold(long customerId, CustomerSummary summary, List<TimelineEvent> added, IEnumerable<CustomerJourneyStage> stages,
        IEnumerable<CustomerTouchpoint> touchpoints, IEnumerable<CustomerChannelUse> uses, ActiveJourneyMap map, List<object> newRows)
    {
        var firstAt = summary.FirstEventAt;
        var lastAt = summary.LastEventAt;
        foreach (var e in added)
        {
            if (firstAt is null || e.OccurredAt < firstAt) firstAt = e.OccurredAt;
            if (lastAt is null || e.OccurredAt > lastAt) lastAt = e.OccurredAt;
        }
        var stageRows = stages.ToList();
        if (firstAt is null) return new JourneyState(stageRows, null, null, null);
        var (rows, current) = JourneyAggregator.Fold(customerId, added, firstAt.Value, stageRows, touchpoints.ToList(), uses.ToList(),
            map.Definition, experienceOptions.Value.NegativeSentimentBelow);
        newRows.AddRange(rows);
        return new JourneyState(stageRows, current, firstAt, lastAt);
    }

    /// <summary>
    /// The first event of the current stage when it was reached before the window (the stall rule names it);
    /// null when the window holds it. One indexed look-up: the stage row keeps the time of that event.
    /// </summary>
    private static async Task<long?> EnteredCurrentStageAsync(TimelineDbContext db, JourneyState journey, DateTimeOffset windowFrom, CancellationToken ct)
    {
        if (journey.CurrentStageKey is not { } stage) return null;
        var row = journey.Stages.FirstOrDefault(s => s.StageKey == stage);
        if (row is null || row.FirstReachedAt >= windowFrom) return null;
        var customerId = row.CustomerId;
        var at = row.FirstReachedAt;
        return await db.Events.Where(e => e.CustomerId == customerId && e.StageKey == stage && e.OccurredAt == at)
            .MinAsync(e => (long?)e.Id, ct);
    }
}
