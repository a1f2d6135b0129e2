using CustomerTimeline.Tests.Infrastructure;

namespace CustomerTimeline.Tests.Demo;

/// <summary>The README's run command on a fresh machine: an empty database fills itself and answers at once.</summary>
public sealed class FirstRunTests : IAsyncLifetime
{
    private sealed class FirstRunFactory : TimelineApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            // The direct load; the default in Development (through the sandbox) is covered by the Sandbox tests.
            ["Demo:Mode"] = "Direct",
            ["Demo:Events"] = "3000",
        };
    }

    private readonly FirstRunFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Empty_database_gets_the_demo_dataset_and_answers_the_first_query()
    {
        using var client = _factory.CreateGraphQLClient();
        var data = await client.QueryAsync("{ customers(first: 3) { totalCount nodes { displayName timeline(first: 5) { totalCount nodes { title } } } } }");
        data["customers"]!["totalCount"]!.GetValue<int>().ShouldBe(30);
        var first = data["customers"]!["nodes"]![0]!;
        first["timeline"]!["totalCount"]!.GetValue<int>().ShouldBeGreaterThan(0);
        var total = await _factory.WithDbAsync(db => Task.FromResult(db.Events.LongCount()));
        total.ShouldBe(3000);
    }
}
