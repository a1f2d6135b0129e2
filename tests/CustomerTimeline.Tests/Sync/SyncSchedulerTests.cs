using CustomerTimeline.Api.Data;
using static CustomerTimeline.Tests.Sync.Records;

namespace CustomerTimeline.Tests.Sync;

public sealed class SyncSchedulerTests
{
    [Fact]
    public async Task The_scheduler_runs_each_configured_source_at_start_then_every_interval()
    {
        var firstRun = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondRun = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        SyncApiFactory? api = null;
        var connector = new ScriptedConnector(EventSource.Zendesk, "tickets")
            .Page(Ticket("t1", 1, "One", Email("ann@example.com")));
        connector.Before("tickets", 0, () => { firstRun.TrySetResult(api!.Time.GetUtcNow()); return Task.CompletedTask; });
        connector.Before("tickets", 1, () => { secondRun.TrySetResult(api!.Time.GetUtcNow()); return Task.CompletedTask; });
        var unconfigured = new ScriptedConnector(EventSource.Matomo, "visits") { IsConfigured = false };
        using var factory = new SyncApiFactory(connector, unconfigured) { SchedulerEnabled = true };
        api = factory;
        _ = api.Server;

        var startedAt = await firstRun.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Fake time only: nudge the clock until the next run fires, then check it waited a whole interval.
        for (var i = 0; i < 100 && !secondRun.Task.IsCompleted; i++)
        {
            api.Time.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAny(secondRun.Task, Task.Delay(50));
        }
        var nextAt = await secondRun.Task.WaitAsync(TimeSpan.FromSeconds(30));

        (nextAt - startedAt).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMinutes(5));
        connector.Fetches.ShouldAllBe(f => f.Stream == "tickets");
        unconfigured.Fetches.ShouldBeEmpty();
        (await api.EventsAsync()).ShouldHaveSingleItem();
    }
}
