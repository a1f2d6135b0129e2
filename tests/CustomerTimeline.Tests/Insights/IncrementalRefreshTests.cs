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
