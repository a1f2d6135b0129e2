using CustomerTimeline.Api.Connectors.Sync;

namespace CustomerTimeline.Tests.Sync;

public sealed class SyncRefreshRegistryTests
{
    [Fact]
    public void An_ending_run_hands_over_only_what_another_running_sync_holds()
    {
        var registry = new SyncRefreshRegistry();
        var ending = registry.Join();
        var running = registry.Join();
        registry.Add(ending, [1, 2, 3]);
        registry.Add(running, [2, 9]);

        registry.Take(ending, handOver: true).Order().ShouldBe([1, 3]);
        ending.ShouldBeEmpty();
        registry.Leave(ending);

        // The holder computes the handed-over customer with its own.
        registry.Take(running, handOver: true).Order().ShouldBe([2, 9]);
    }

    [Fact]
    public void Periodic_refreshes_of_two_long_runs_never_pass_a_shared_customer_back_and_forth()
    {
        var registry = new SyncRefreshRegistry();
        var a = registry.Join();
        var b = registry.Join();
        registry.Add(a, [7]);
        registry.Add(b, [7]);

        registry.Take(a, handOver: false).ShouldBe([7]);
        registry.Add(a, [7]);
        registry.Take(b, handOver: false).ShouldBe([7], "each periodic refresh computes what waits, shared or not");
    }

    [Fact]
    public void A_run_that_left_holds_nothing()
    {
        var registry = new SyncRefreshRegistry();
        var gone = registry.Join();
        var ending = registry.Join();
        registry.Add(gone, [5]);
        registry.Leave(gone);
        registry.Add(ending, [5]);

        registry.Take(ending, handOver: true).ShouldBe([5]);
    }
}
