using CustomerTimeline.Api.Customers;
using CustomerTimeline.Bench;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Tests.Infrastructure;
using CustomerTimeline.Tests.Schema;

namespace CustomerTimeline.Tests.Insights;

/// <summary>The canonical agent query in docs/agent-query.md runs as written, in a bounded number of SQL commands, and is the one the API and the bench use.</summary>
public sealed class AgentQueryDocTests
{
    [Fact]
    public async Task Documented_agent_query_runs_and_stays_cheap()
    {
        var query = DocumentedQuery();

        await using var factory = new JourneyApiFactory(SampleData.T0.AddDays(10));
        await factory.SeedAsync(SampleData.SeedAsync);
        await factory.RefreshAsync(1, 2, 3);
        using var client = factory.CreateGraphQLClient();
        factory.Commands.Reset();
        var data = await client.QueryAsync(query, new { id = GlobalId.Encode(GlobalId.CustomerType, 1) });
        var customer = data["customer"]!;
        customer["displayName"]!.GetValue<string>().ShouldBe("Alice Martin");
        customer["experience"]!["topDrivers"]!.AsArray().Count.ShouldBe(3);
        customer["timeline"]!["nodes"]!.AsArray().Count.ShouldBe(10);
        customer["signals"]!.AsArray().Select(s => s!["kind"]!.GetValue<string>()).ShouldContain("detractor");
        // Customer, summary, drivers, signals, actions, timeline, their events, and source freshness (states + leases).
        factory.Commands.Count.ShouldBeLessThanOrEqualTo(10);
    }

    [Fact]
    public void The_warm_up_and_the_bench_run_the_documented_query()
    {
        var documented = DocumentedQuery();
        Normalize(AgentContextQuery.Document).ShouldBe(Normalize(documented));
        // The bench's GraphQL side asks what its plain baseline serves: everything but the sources' freshness.
        const string Sources = "sources { source configured status lastSuccessAt streams { stream lagSeconds caughtUpAt } }";
        Normalize(documented).ShouldContain(Sources);
        Normalize(BenchRunner.AgentQuery).ShouldBe(Normalize(documented).Replace(" " + Sources, "", StringComparison.Ordinal));
    }

    /// <summary>The first graphql block of docs/agent-query.md.</summary>
    private static string DocumentedQuery()
    {
        var doc = File.ReadAllText(Path.Combine(SchemaSdlTests.RepoRoot(), "docs", "agent-query.md"));
        var start = doc.IndexOf("```graphql", StringComparison.Ordinal) + "```graphql".Length;
        return doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
    }

    private static string Normalize(string document) =>
        string.Join(' ', document.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
}
