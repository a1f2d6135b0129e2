using System.Globalization;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Generator;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Api.Journey;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Insights;

/// <summary>
/// A refresh that folds new events into the stored aggregates (and reads only the recent window for the score
/// and the rules) leaves the same insights as recomputing every customer from all their events.
/// </summary>
public sealed class IncrementalRefreshTests : IAsyncLifetime
{
    private readonly GeneratorTimeApiFactory _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Folding_new_events_in_gives_what_a_full_recompute_gives()
    {
        var customers = new DataGenerator(new GeneratorOptions { Seed = 7, TargetEvents = 3_000 }).Generate().ToList();
        // Every third event arrives later: new events land before, between and after the stored ones.
        var later = customers.SelectMany(c => c.Events.Where((_, i) => i % 3 == 2).Select(e => (c.Customer.Id, Event: e))).ToList();
        var first = customers.Select(c => c with { Events = c.Events.Where((_, i) => i % 3 != 2).ToList() }).ToList();
        _ = _api.Server;
        await using var scope = _api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        var insights = scope.ServiceProvider.GetRequiredService<CustomerInsights>();
        await DatasetLoader.LoadAsync(db, first);
        var ids = await db.Customers.Select(c => c.Id).ToListAsync();
        await insights.RefreshAsync(db, ids, CancellationToken.None);
        var computed = await db.CustomerSummaries().CountAsync(s => s.EventIdSum != null);
        computed.ShouldBe(ids.Count);

        foreach (var (customerId, e) in later)
        {
            db.Events.Add(new TimelineEvent
            {
                CustomerId = customerId, Source = e.Source, SourceRecordId = e.SourceRecordId, Kind = e.Kind, OccurredAt = e.OccurredAt,
                Channel = e.Channel, Title = e.Title, Summary = e.Summary, Details = e.Details, SourceUpdatedAt = e.SourceUpdatedAt,
            });
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        // As a sync page's commit leaves them: refresh pending, stored aggregates still those of this map.
        await CustomerInsights.MarkStaleAsync(db, ids, CancellationToken.None);
        var stillCovered = await StillCoveredAsync(db);
        await insights.RefreshAsync(db, ids, CancellationToken.None);
        var folded = await SnapshotAsync(db);

        // The same customers computed from scratch.
        await db.CustomerSummaries().ExecuteUpdateAsync(u => u.SetProperty(s => s.EventIdSum, (long?)null));
        await insights.RefreshAsync(db, ids, CancellationToken.None);
        var recomputed = await SnapshotAsync(db);

        stillCovered.ShouldBe(ids.Count, "every customer's stored aggregates covered their analyzed events before the second refresh");
        later.Count.ShouldBeGreaterThan(500);
        folded.Count.ShouldBe(recomputed.Count);
        for (var i = 0; i < folded.Count; i++) folded[i].ShouldBe(recomputed[i]);
    }

    [Fact]
    public async Task Tickets_opened_before_the_window_still_count_where_the_rules_read_them()
    {
        var now = GeneratorOptions.DefaultNow;
        _ = _api.Server;
        await using var scope = _api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        var insights = scope.ServiceProvider.GetRequiredService<CustomerInsights>();
        var customer = new Customer { DisplayName = "Old Tickets", CreatedAt = now.AddDays(-400), UpdatedAt = now };
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        // Opened long before the window; solved yesterday: a survey is due.
        db.Events.Add(Ticket(customer.Id, "old-solved", now.AddDays(-200), ["billing"], solvedAt: now.AddDays(-1)));
        // Opened long before the window; its thread came back this week: the messages' problem is its tag.
        db.Events.Add(Ticket(customer.Id, "old-export", now.AddDays(-250), ["export-fails"], solvedAt: now.AddDays(-240)));
        for (var day = 5; day >= 3; day--)
            db.Events.Add(Message(customer.Id, "old-export", "m" + day.ToString(CultureInfo.InvariantCulture), now.AddDays(-day), "Export is still not working, same problem again."));
        // Opened long before the window and of no use to it.
        db.Events.Add(Ticket(customer.Id, "old-other", now.AddDays(-300), ["login"], solvedAt: now.AddDays(-299)));
        await db.SaveChangesAsync();
        await insights.RefreshAsync(db, [customer.Id], CancellationToken.None);

        // A new event: the refresh folds it in and reads the window only.
        db.Events.Add(new TimelineEvent
        {
            CustomerId = customer.Id, Source = EventSource.Matomo, SourceRecordId = "visit-new", Kind = EventKind.WebVisit, OccurredAt = now.AddHours(-1),
            SourceUpdatedAt = now.AddHours(-1), Channel = Channel.Web, Title = "Visit",
            Details = new WebVisitDetails("v", null, [new VisitedPage("https://example.com/", "Home", 10)], 10, null, null, null, null, null, []).ToJson(),
        });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var summaryBefore = await db.CustomerSummaries().AsNoTracking().SingleAsync(s => s.CustomerId == customer.Id);
        await insights.RefreshAsync(db, [customer.Id], CancellationToken.None);
        var summary = await db.CustomerSummaries().AsNoTracking().SingleAsync(s => s.CustomerId == customer.Id);
        var open = await db.CustomerSignals().AsNoTracking().Where(s => s.CustomerId == customer.Id && s.ResolvedAt == null).ToListAsync();

        summary.EventCount.ShouldBe(summaryBefore.EventCount + 1, "the new event is counted");
        var solvedId = await db.Events.Where(e => e.SourceRecordId == "old-solved").Select(e => e.Id).SingleAsync();
        open.ShouldContain(s => s.RuleId == "hot-listening" && s.EventIds == solvedId.ToString(CultureInfo.InvariantCulture));
        open.ShouldContain(s => s.RuleId == "repeated-problem-escalation" && s.Reason.Contains("export-fails"));
        summary.RepeatedProblem.ShouldBeTrue();
    }

    private static TimelineEvent Ticket(long customerId, string id, DateTimeOffset at, string[] tags, DateTimeOffset solvedAt) => new()
    {
        CustomerId = customerId, Source = EventSource.Zendesk, SourceRecordId = id, Kind = EventKind.Ticket, OccurredAt = at, SourceUpdatedAt = solvedAt,
        Channel = Channel.Email, Title = "Ticket " + id,
        Details = new TicketDetails("Ticket " + id, "solved", "normal", "problem", tags, "Something is wrong.", solvedAt).ToJson(),
    };

    private static TimelineEvent Message(long customerId, string ticketId, string id, DateTimeOffset at, string body) => new()
    {
        CustomerId = customerId, Source = EventSource.Zendesk, SourceRecordId = id, Kind = EventKind.TicketMessage, OccurredAt = at, SourceUpdatedAt = at,
        Channel = Channel.Email, Title = "Customer message on " + ticketId,
        Details = new TicketMessageDetails(ticketId, "customer", true, body, "email").ToJson(),
    };

    private static async Task<int> StillCoveredAsync(TimelineDbContext db)
    {
        var analyzed = await db.Events.Where(e => e.Intents != null).GroupBy(e => e.CustomerId)
            .Select(g => new { g.Key, Count = g.Count(), Sum = g.Sum(e => e.Id) }).ToDictionaryAsync(a => a.Key);
        var summaries = await db.CustomerSummaries().ToListAsync();
        return summaries.Count(s => analyzed.TryGetValue(s.CustomerId, out var a) && a.Count == s.EventCount && a.Sum == s.EventIdSum);
    }

    /// <summary>Every computed row as text; sentiment sums to 9 digits (summed in another order when folded).</summary>
    private static async Task<List<string>> SnapshotAsync(TimelineDbContext db)
    {
        static string F(double d) => d.ToString("0.#########", CultureInfo.InvariantCulture);
        var rows = new List<string>();
        rows.AddRange((await db.CustomerSummaries().AsNoTracking().ToListAsync()).OrderBy(s => s.CustomerId).Select(s =>
            $"summary {s.CustomerId} {s.MapVersion} {s.CurrentStageKey} {s.FirstEventAt:O} {s.LastEventAt:O} {s.EventCount} {s.EventIdSum} {s.PurchasedAt:O} " +
            $"{F(s.ExperienceScore)} {F(s.ScoreChange)} {s.Priority} {s.RepeatedProblem} {s.ExperienceJson}"));
        rows.AddRange((await db.CustomerJourneyStages().AsNoTracking().ToListAsync()).OrderBy(s => s.CustomerId).ThenBy(s => s.StageKey, StringComparer.Ordinal).Select(s =>
            $"stage {s.CustomerId} {s.StageKey} {s.FirstReachedAt:O} {s.LastReachedAt:O} {F(s.DaysToReach)} {s.EventCount} {F(s.SentimentSum)} {s.SentimentCount} {s.NegativeCount}"));
        rows.AddRange((await db.CustomerTouchpoints().AsNoTracking().ToListAsync()).OrderBy(s => s.CustomerId).ThenBy(s => s.TouchpointKey, StringComparer.Ordinal).Select(s =>
            $"touchpoint {s.CustomerId} {s.TouchpointKey} {s.StageKey} {s.FirstReachedAt:O} {s.LastReachedAt:O} {F(s.DaysToReach)} {s.EventCount} {F(s.SentimentSum)} {s.SentimentCount} {s.NegativeCount}"));
        rows.AddRange((await db.CustomerChannelUses().AsNoTracking().ToListAsync()).OrderBy(s => s.CustomerId).ThenBy(s => s.TouchpointKey, StringComparer.Ordinal).ThenBy(s => s.Channel).Select(s =>
            $"channel {s.CustomerId} {s.TouchpointKey} {s.Channel} {s.StageKey} {s.EventCount}"));
        rows.AddRange((await db.CustomerSignals().AsNoTracking().Where(s => s.ResolvedAt == null).ToListAsync()).OrderBy(s => s.CustomerId).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s =>
            $"signal {s.CustomerId} {s.Key} {s.Severity} {s.Reason} {s.EventIds} {s.TriggeredAt:O} {s.ActionKind} {s.ActionTitle}"));
        rows.AddRange((await db.Events.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Id, e.Sentiment, e.Urgent, e.Intents, e.StageKey, e.TouchpointKey }).ToListAsync()).Select(e =>
            $"event {e.Id} {e.Sentiment} {e.Urgent} {e.Intents} {e.StageKey} {e.TouchpointKey}"));
        return rows;
    }
}
