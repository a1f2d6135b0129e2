using CustomerTimeline.Api.Journey;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static CustomerTimeline.Tests.Infrastructure.JourneyFixtures;

namespace CustomerTimeline.Tests.Insights;

/// <summary>
/// Expensive stats are served from their last computation while the next one runs (stale-while-revalidate), and
/// statsComputedAt says which computation a client got.
/// </summary>
public sealed class JourneyStatsStaleTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private const string Query = "{ journeyMap { statsComputedAt totalCustomers stages { key stats { customersReached } } } }";
    private readonly JourneyApiFactory _factory = new(Now, serveStaleStats: true);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();

    [Fact]
    public async Task After_new_data_the_previous_stats_answer_at_once_and_the_new_ones_follow()
    {
        await AddCustomerAsync("First", "/pricing");
        using var client = _factory.CreateGraphQLClient();
        // Start-up warmed the stats on the empty database; with every computation "expensive" here, that one
        // answers first and the one with the customer follows.
        var first = await WaitForAsync(client, s => s["totalCustomers"]!.GetValue<int>() == 1);
        var firstAt = first["statsComputedAt"]!.GetValue<DateTimeOffset>();
        firstAt.ShouldBe(Now);

        _factory.Clock.Now = Now.AddMinutes(5);
        await AddCustomerAsync("Second", "/signup");

        // The last computation answers right away, and says when it was made.
        var stale = (await client.QueryAsync(Query))["journeyMap"]!;
        stale["statsComputedAt"]!.GetValue<DateTimeOffset>().ShouldBe(firstAt);
        stale["totalCustomers"]!.GetValue<int>().ShouldBe(1);

        // Meanwhile the next computation ran in the background.
        var fresh = await WaitForAsync(client, s => s["statsComputedAt"]!.GetValue<DateTimeOffset>() != firstAt);
        fresh["statsComputedAt"]!.GetValue<DateTimeOffset>().ShouldBe(Now.AddMinutes(5));
        fresh["totalCustomers"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task A_completed_reclassification_pass_computes_the_stats_before_anyone_asks()
    {
        // Stale stats are never served here, so the request either finds the pass's computation done or waits for it.
        await using var factory = new JourneyApiFactory(Now, neverServeStaleStats: true);
        var cache = factory.Services.GetRequiredService<JourneyStatsCache>();
        // The start-up warm-up (empty database) first: a pass completing while it runs would not start another.
        for (var i = 0; i < 400 && cache.Computations.InBackground == 0; i++) await Task.Delay(50);
        cache.Computations.InBackground.ShouldBe(1);
        // Two customers whose insights were never computed, as after a bulk load.
        await SeedCustomerAsync(factory, "Ada", "/pricing");
        await SeedCustomerAsync(factory, "Bo", "/signup");
        var worker = factory.Services.GetRequiredService<JourneyReclassifier>();
        while (await worker.ProcessNextBatchAsync(CancellationToken.None) > 0)
        {
        }

        // The end of the pass started the computation; the request is served from it (waiting for it if it is still
        // running) and never computes the stats itself.
        using var client = factory.CreateGraphQLClient();
        var stats = (await client.QueryAsync(Query))["journeyMap"]!;
        stats["totalCustomers"]!.GetValue<int>().ShouldBe(2);
        cache.Computations.InRequest.ShouldBe(0);
        cache.Computations.InBackground.ShouldBe(2); // the start-up warm-up, then the end of the pass
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> WaitForAsync(GraphQLClient client, Func<System.Text.Json.Nodes.JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var stats = (await client.QueryAsync(Query))["journeyMap"]!;
            if (done(stats) || DateTime.UtcNow > deadline) return stats;
            await Task.Delay(50);
        }
    }

    private async Task AddCustomerAsync(string name, string path) =>
        await _factory.RefreshAsync(await SeedCustomerAsync(_factory, name, path));

    /// <summary>A customer with one visit two days ago, insights not computed; returns its id.</summary>
    private static async Task<long> SeedCustomerAsync(JourneyApiFactory factory, string name, string path)
    {
        long id = 0;
        await factory.SeedAsync(async db =>
        {
            var customer = Customer(name);
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            id = customer.Id;
            db.Events.Add(Visit(id, name + "-1", factory.Clock.Now.AddDays(-2), path));
            await db.SaveChangesAsync();
        });
        return id;
    }
}
