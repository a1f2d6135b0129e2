using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Journey;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CustomerTimeline.Tests.Sync.Records;

namespace CustomerTimeline.Tests.Sync;

/// <summary>
/// Runs of different sources that touch the same customer at once compute it once: the run that ends first leaves
/// it (marked stale) to the run still holding it, which refreshes it after every page of both. A long run refreshes
/// what it touched at least every Sync:InsightsMaxDelay.
/// </summary>
public sealed class OverlappingRunsInsightsTests
{
    private const string Tickets = "tickets";
    private const string Visits = "visits";

    [Fact]
    public async Task A_customer_another_running_sync_holds_is_left_to_it_and_computed_once_with_both_runs_events()
    {
        var zendesk = new ScriptedConnector(EventSource.Zendesk, Tickets)
            .Page(Ticket("t1", 1, "First", Email("ann@example.com")));
        var (matomo, reached, release) = HeldBeforeItsLastPage(
            Visit("v1", 10, "vis-1") with { Keys = [Email("ann@example.com"), Visitor("vis-1")] },
            Visit("v2", 11, "vis-2"),
            Visit("v3", 12, "vis-1") with { Keys = [Email("ann@example.com"), Visitor("vis-1")] });
        using var api = new SyncApiFactory(zendesk, matomo);
        (await api.RunAsync(EventSource.Zendesk)).Outcome.ShouldBe(SyncOutcome.Succeeded);
        var version = api.Services.GetRequiredService<JourneyMapStore>().Current.Version;
        (await api.DbAsync(db => db.CustomerSummaries().SingleAsync())).EventCount.ShouldBe(1);

        var matomoRun = api.RunAsync(EventSource.Matomo);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        zendesk.Page(Ticket("t2", 2, "Second", Email("ann@example.com")));
        (await api.RunAsync(EventSource.Zendesk)).Outcome.ShouldBe(SyncOutcome.Succeeded);

        // Zendesk's run ended without computing ann: Matomo's run still holds her.
        var handedOver = await api.DbAsync(db => db.CustomerSummaries().SingleAsync());
        handedOver.MapVersion.ShouldBe(-version, "marked stale by the pages, left for the run still holding her");
        handedOver.EventCount.ShouldBe(1);

        release.SetResult();
        (await matomoRun).Outcome.ShouldBe(SyncOutcome.Succeeded);

        var ann = await api.DbAsync(db => db.Identities.Where(i => i.Value == "ann@example.com").Select(i => i.CustomerId).SingleAsync());
        var summary = await api.DbAsync(db => db.CustomerSummaries().SingleAsync(s => s.CustomerId == ann));
        summary.MapVersion.ShouldBe(version);
        summary.EventCount.ShouldBe(await api.DbAsync(db => db.Events.CountAsync(e => e.CustomerId == ann)));
        summary.EventCount.ShouldBe(4, "both tickets and both of her visits");
    }

    [Fact]
    public async Task A_customer_only_the_ending_run_touched_is_computed_at_its_end_while_another_run_goes_on()
    {
        var zendesk = new ScriptedConnector(EventSource.Zendesk, Tickets)
            .Page(Ticket("t1", 1, "First", Email("bob@example.com")));
        var (matomo, reached, release) = HeldBeforeItsLastPage(
            Visit("v1", 10, "vis-1") with { Keys = [Email("ann@example.com"), Visitor("vis-1")] },
            Visit("v2", 11, "vis-2"),
            Visit("v3", 12, "vis-3"));
        using var api = new SyncApiFactory(zendesk, matomo);
        var version = api.Services.GetRequiredService<JourneyMapStore>().Current.Version;

        var matomoRun = api.RunAsync(EventSource.Matomo);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        (await api.RunAsync(EventSource.Zendesk)).Outcome.ShouldBe(SyncOutcome.Succeeded);

        var bob = await api.DbAsync(db => db.Identities.Where(i => i.Value == "bob@example.com").Select(i => i.CustomerId).SingleAsync());
        var summary = await api.DbAsync(db => db.CustomerSummaries().SingleOrDefaultAsync(s => s.CustomerId == bob));
        summary.ShouldNotBeNull("no other run holds bob: Zendesk's run computes him at its end");
        summary.MapVersion.ShouldBe(version);

        release.SetResult();
        (await matomoRun).Outcome.ShouldBe(SyncOutcome.Succeeded);
    }

    [Fact]
    public async Task A_long_run_refreshes_what_it_touched_once_the_oldest_has_waited_the_maximum_delay()
    {
        SyncApiFactory? api = null;
        var checkedMidRun = false;
        var zendesk = new ScriptedConnector(EventSource.Zendesk, Tickets)
            .Page(Ticket("t1", 1, "First", Email("ann@example.com")))
            .Page(Ticket("t2", 2, "Second", Email("ann@example.com")))
            .Page(Ticket("t3", 3, "Third", Email("ann@example.com")))
            .Page(Ticket("t4", 4, "Fourth", Email("ann@example.com")))
            .Before(Tickets, 2, async () =>
            {
                // Pages 0 and 1 are the first wait's; page 2 is fetched while page 1 is written.
                api!.Time.Advance(TimeSpan.FromSeconds(31));
                await Task.CompletedTask;
            })
            .Before(Tickets, 3, async () =>
            {
                // Fetched once page 2 is in hand, after page 1's write and the refresh the delay forced then.
                var summary = await api!.DbAsync(db => db.CustomerSummaries().SingleOrDefaultAsync());
                summary.ShouldNotBeNull("computed mid-run once the oldest touch waited more than 30 s");
                summary.EventCount.ShouldBe(2);
                checkedMidRun = true;
            });
        api = new SyncApiFactory(zendesk);
        using (api)
        {
            var result = await api.RunAsync(EventSource.Zendesk);
            result.Outcome.ShouldBe(SyncOutcome.Succeeded);
            checkedMidRun.ShouldBeTrue();
            (await api.DbAsync(db => db.CustomerSummaries().SingleAsync())).EventCount.ShouldBe(4);
        }
    }

    /// <summary>
    /// A Matomo source of one visit per page whose run waits (<c>release</c>) before its last page (<c>reached</c>).
    /// That page is fetched ahead while the one before it is written, so the first page is committed by then.
    /// </summary>
    private static (ScriptedConnector Matomo, TaskCompletionSource Reached, TaskCompletionSource Release) HeldBeforeItsLastPage(
        params SourceEvent[] visits)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var matomo = new ScriptedConnector(EventSource.Matomo, Visits);
        foreach (var visit in visits) matomo.Page(visit);
        matomo.Before(Visits, visits.Length - 1, async () =>
        {
            reached.SetResult();
            await release.Task;
        });
        return (matomo, reached, release);
    }
}
