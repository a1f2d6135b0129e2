using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Tests.Infrastructure;
using CustomerTimeline.Tests.Sync;
using static CustomerTimeline.Tests.Sync.Records;

namespace CustomerTimeline.Tests.Production;

/// <summary>Two instances on one database run the same source at the same moment: exactly one of them pulls.</summary>
public sealed class TwoInstancesSyncTests
{
    [Fact]
    public async Task Only_one_instance_runs_a_source_while_the_other_is_refused_and_nothing_is_duplicated()
    {
        var shared = TimelineApiFactory.NewDataDirectory();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var onA = new ScriptedConnector(EventSource.Zendesk, "tickets")
            .Page(Ticket("t1", 1, "First", Email("ann@example.com")))
            .Page(Ticket("t2", 2, "Second", Email("bob@example.com")))
            .Before("tickets", 1, async () =>
            {
                entered.TrySetResult();
                await release.Task;
            });
        var onB = new ScriptedConnector(EventSource.Zendesk, "tickets")
            .Page(Ticket("t1", 1, "First", Email("ann@example.com")))
            .Page(Ticket("t2", 2, "Second", Email("bob@example.com")));
        using var a = new SyncApiFactory(shared, onA);
        using var b = new SyncApiFactory(shared, onB);
        _ = a.Server;
        _ = b.Server;

        var runA = a.RunAsync(EventSource.Zendesk);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30)); // A holds the lease, between its two pages
        var runB = await b.RunAsync(EventSource.Zendesk);
        release.SetResult();
        var resultA = await runA;

        runB.Outcome.ShouldBe(SyncOutcome.AlreadyRunning);
        onB.Fetches.ShouldBeEmpty();
        resultA.Outcome.ShouldBe(SyncOutcome.Succeeded);
        (await a.EventsAsync()).Select(e => e.Title).ShouldBe(["First", "Second"]);
    }
}
