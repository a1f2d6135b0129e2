using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Api.Journey;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CustomerTimeline.Tests.Sync.Records;

namespace CustomerTimeline.Tests.Sync;

/// <summary>
/// A run refreshes the insights of the customers its pages touched once, at its end, not per page; until then their
/// summaries are marked stale, and the background worker computes whatever a run could not.
/// </summary>
public sealed class DeferredInsightsTests
{
    private const string Tickets = "tickets";

    [Fact]
    public async Task A_run_that_fails_midway_still_computes_the_customers_of_its_committed_pages()
    {
        var connector = new ScriptedConnector(EventSource.Zendesk, Tickets)
            .Page(Ticket("t1", 1, "First", Email("ann@example.com")), Ticket("t2", 2, "Second", Email("bob@example.com")))
            .Page(Ticket("t3", 3, "Third", Email("ann@example.com")))
            .Page(Ticket("t4", 4, "Fourth", Email("bob@example.com")))
            .ThrowBefore(Tickets, 2, new InvalidOperationException("vendor broke"));
        using var api = new SyncApiFactory(connector);

        var result = await api.RunAsync(EventSource.Zendesk);

        result.Outcome.ShouldBe(SyncOutcome.Failed);
        var version = api.Services.GetRequiredService<JourneyMapStore>().Current.Version;
        var summaries = await api.DbAsync(db => db.CustomerSummaries().ToListAsync());
        summaries.Count.ShouldBe(2);
        summaries.ShouldAllBe(s => s.MapVersion == version);
        summaries.Sum(s => s.EventCount).ShouldBe(3, "the two committed pages' events, each counted once");
    }

    [Fact]
    public async Task Summaries_marked_stale_are_recomputed_by_the_background_worker()
    {
        using var api = await SyncedAsync("ann@example.com", "ann@example.com");
        var version = api.Services.GetRequiredService<JourneyMapStore>().Current.Version;

        // As a page commit leaves them when the process dies before the run's refresh.
        var ids = await api.DbAsync(db => db.Customers.Select(c => c.Id).ToListAsync());
        (await api.DbAsync(db => CustomerInsights.MarkStaleAsync(db, ids, CancellationToken.None))).ShouldBe(1);
        (await api.DbAsync(db => db.CustomerSummaries().SingleAsync())).MapVersion.ShouldBe(-version);

        var worker = api.Services.GetRequiredService<JourneyReclassifier>();
        while (await worker.ProcessNextBatchAsync(CancellationToken.None) > 0)
        {
            // Drain.
        }

        var summary = await api.DbAsync(db => db.CustomerSummaries().SingleAsync());
        summary.MapVersion.ShouldBe(version);
        summary.EventCount.ShouldBe(2);
    }

    [Fact]
    public async Task A_customer_marked_stale_behind_the_workers_checkpoint_is_recomputed_by_the_same_drain()
    {
        using var api = await SyncedAsync("ann@example.com", "ann@example.com");
        var version = api.Services.GetRequiredService<JourneyMapStore>().Current.Version;
        var ids = await api.DbAsync(db => db.Customers.Select(c => c.Id).ToListAsync());
        var worker = api.Services.GetRequiredService<JourneyReclassifier>();

        // A first pass computes Ann, so the pass's checkpoint ends at her id...
        await api.DbAsync(db => CustomerInsights.MarkStaleAsync(db, ids, CancellationToken.None));
        while (await worker.ProcessNextBatchAsync(CancellationToken.None) > 0)
        {
            // Drain.
        }
        (await api.DbAsync(db => db.CustomerSummaries().SingleAsync())).MapVersion.ShouldBe(version);

        // ...and a stale mark after it lies behind that checkpoint. Before, the next call only moved the checkpoint
        // back and answered 0, so a caller draining until a call computes nothing stopped with Ann still stale.
        await api.DbAsync(db => CustomerInsights.MarkStaleAsync(db, ids, CancellationToken.None));
        while (await worker.ProcessNextBatchAsync(CancellationToken.None) > 0)
        {
            // Drain.
        }
        (await api.DbAsync(db => db.CustomerSummaries().SingleAsync())).MapVersion.ShouldBe(version);
    }

    [Fact]
    public async Task A_customer_whose_events_cannot_be_read_is_skipped_and_the_pass_goes_on()
    {
        using var api = await SyncedAsync("ann@example.com", "bob@example.com");
        var version = api.Services.GetRequiredService<JourneyMapStore>().Current.Version;

        // Bob's ticket now holds details no reader can parse (a bad manual edit, a bug in an old writer).
        var bob = await api.DbAsync(db => db.Events.Where(e => e.SourceRecordId == "t2").Select(e => e.CustomerId).SingleAsync());
        await api.DbAsync(db => db.Events.Where(e => e.CustomerId == bob).ExecuteUpdateAsync(u => u
            .SetProperty(e => e.Details, "{ not json").SetProperty(e => e.Intents, (string?)null)));
        var ids = await api.DbAsync(db => db.Customers.Select(c => c.Id).ToListAsync());
        await api.DbAsync(db => CustomerInsights.MarkStaleAsync(db, ids, CancellationToken.None));

        // Before, the worker threw out of its loop (and, as a hosted service, stopped the whole API).
        var worker = api.Services.GetRequiredService<JourneyReclassifier>();
        for (var batches = 0; await worker.ProcessNextBatchAsync(CancellationToken.None) > 0; batches++)
            batches.ShouldBeLessThan(10, "the pass must end");

        var summaries = await api.DbAsync(db => db.CustomerSummaries().ToDictionaryAsync(s => s.CustomerId));
        summaries[bob].MapVersion.ShouldBe(-version, "skipped: still stale, tried again on the next pass");
        summaries.Where(s => s.Key != bob).ShouldAllBe(s => s.Value.MapVersion == version);
        summaries.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_refresh_saves_its_results_when_the_callers_context_does_not_detect_changes()
    {
        using var api = await SyncedAsync("ann@example.com", "ann@example.com");
        var ann = await api.DbAsync(db => db.Customers.Select(c => c.Id).SingleAsync());
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        var copy = await db.Events.AsNoTracking().FirstAsync();
        copy.Id = 0;
        copy.SourceRecordId = "t3";
        copy.Intents = null;
        db.Events.Add(copy);
        await db.SaveChangesAsync();
        // As a bulk writer leaves its context.
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        await scope.ServiceProvider.GetRequiredService<CustomerInsights>().RefreshAsync(db, [ann], CancellationToken.None);

        (await api.DbAsync(db => db.CustomerSummaries().SingleAsync())).EventCount.ShouldBe(3);
    }

    /// <summary>One synced page of two tickets, t1 and t2, from these requesters.</summary>
    private static async Task<SyncApiFactory> SyncedAsync(string firstEmail, string secondEmail)
    {
        var connector = new ScriptedConnector(EventSource.Zendesk, Tickets)
            .Page(Ticket("t1", 1, "First", Email(firstEmail)), Ticket("t2", 2, "Second", Email(secondEmail)));
        var api = new SyncApiFactory(connector);
        await api.RunAsync(EventSource.Zendesk);
        return api;
    }
}
