using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;
using static CustomerTimeline.Tests.Sync.Records;

namespace CustomerTimeline.Tests.Sync;

public sealed class SyncLeaseTests
{
    private const string Tickets = "tickets";

    private static ScriptedConnector TwoPages() => new ScriptedConnector(EventSource.Zendesk, Tickets)
        .Page(Ticket("t1", 1, "One", Email("ann@example.com")), Ticket("t2", 2, "Two", Email("bob@example.com")))
        .Page(Ticket("t3", 3, "Three", Email("ann@example.com")));

    private static (TaskCompletionSource Entered, TaskCompletionSource Release) Gate(ScriptedConnector connector)
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connector.Before(Tickets, 0, async () =>
        {
            entered.SetResult();
            await release.Task;
        });
        return (entered, release);
    }

    [Fact]
    public async Task Two_concurrent_runs_of_one_source_never_overlap()
    {
        var connector = TwoPages();
        var (entered, release) = Gate(connector);
        using var api = new SyncApiFactory(connector);

        var first = api.RunAsync(EventSource.Zendesk);
        await entered.Task;
        var second = await api.RunAsync(EventSource.Zendesk);
        second.Outcome.ShouldBe(SyncOutcome.AlreadyRunning);
        second.Pages.ShouldBe(0);

        release.SetResult();
        (await first).Outcome.ShouldBe(SyncOutcome.Succeeded);
        (await api.EventsAsync()).Count.ShouldBe(3);
        var lease = await api.DbAsync(db => db.SyncLeases.SingleAsync());
        lease.Owner.ShouldBeEmpty(); // released at the end of the run

        (await api.RunAsync(EventSource.Zendesk)).Outcome.ShouldBe(SyncOutcome.Succeeded);
    }

    [Fact]
    public async Task A_lease_held_by_another_instance_blocks_until_it_expires_then_is_taken_over()
    {
        using var api = new SyncApiFactory(TwoPages());
        await api.DbAsync(async db =>
        {
            db.SyncLeases.Add(new SyncLease
            {
                Source = EventSource.Zendesk,
                Owner = "other-host:1234:run",
                AcquiredAt = api.Time.GetUtcNow(),
                ExpiresAt = api.Time.GetUtcNow().AddMinutes(1),
            });
            return await db.SaveChangesAsync();
        });

        (await api.RunAsync(EventSource.Zendesk)).Outcome.ShouldBe(SyncOutcome.AlreadyRunning);
        (await api.EventsAsync()).ShouldBeEmpty();

        api.Time.Advance(TimeSpan.FromMinutes(2)); // the other instance died without releasing
        (await api.RunAsync(EventSource.Zendesk)).Outcome.ShouldBe(SyncOutcome.Succeeded);
        (await api.EventsAsync()).Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_run_that_lost_its_lease_cannot_commit_again()
    {
        var connector = TwoPages();
        var (entered, release) = Gate(connector);
        using var api = new SyncApiFactory(connector);

        var stalled = api.RunAsync(EventSource.Zendesk);
        await entered.Task;
        api.Time.Advance(TimeSpan.FromMinutes(3)); // past Sync:LeaseDuration (2 min) without renewing
        var takeover = await api.RunAsync(EventSource.Zendesk);
        takeover.Outcome.ShouldBe(SyncOutcome.Succeeded);

        release.SetResult();
        var late = await stalled;
        late.Outcome.ShouldBe(SyncOutcome.Failed);
        late.Error.ShouldBe("Lease taken over by another run");
        (await api.EventsAsync()).Count.ShouldBe(3);
        var state = await api.StateAsync(EventSource.Zendesk, Tickets);
        state.Status.ShouldBe(SyncStatus.Succeeded); // the stalled run does not overwrite the winner's state
        state.Cursor.ShouldBe("p2");
    }
}
