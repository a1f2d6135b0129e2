using System.Text.Json.Nodes;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Tests.Infrastructure;

namespace CustomerTimeline.Tests.Insights;

/// <summary>Evidence events the timeline page of the same request already read are not read again.</summary>
public sealed class EvidenceEventsTests
{
    private const string Evidence = """
        query ($id: ID!) {
          customer(id: $id) {
            experience { topDrivers: drivers(top: 3) { events { id title occurredAt } } }
            signals { events { id title } }
            TIMELINE
          }
        }
        """;

    [Fact]
    public async Task Evidence_on_the_requested_page_comes_from_it_and_the_rest_from_one_query()
    {
        await using var factory = new JourneyApiFactory(SampleData.T0.AddDays(10));
        await factory.SeedAsync(SampleData.SeedAsync);
        await factory.RefreshAsync(1, 2, 3);
        using var client = factory.CreateGraphQLClient();
        var id = GlobalId.Encode(GlobalId.CustomerType, 1);

        factory.Commands.Reset();
        var alone = await client.QueryAsync(Evidence.Replace("TIMELINE", "", StringComparison.Ordinal), new { id });
        var withoutPage = factory.Commands.Count;
        var evidence = EvidenceOf(alone);
        evidence.ShouldNotBeEmpty();

        // The whole timeline on the page: every evidence event is on it, so the page replaces the events query.
        factory.Commands.Reset();
        var whole = await client.QueryAsync(Evidence.Replace("TIMELINE", "timeline(first: 100) { nodes { id } }", StringComparison.Ordinal), new { id });
        factory.Commands.Count.ShouldBe(withoutPage);
        EvidenceOf(whole).ShouldBe(evidence);
        var onPage = whole["customer"]!["timeline"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToHashSet();
        evidence.Select(e => e.Split('|')[0]).ShouldAllBe(e => onPage.Contains(e));

        // A page of one: the evidence events that are not on it are still read, in one query.
        factory.Commands.Reset();
        var first = await client.QueryAsync(Evidence.Replace("TIMELINE", "timeline(first: 1) { nodes { id } }", StringComparison.Ordinal), new { id });
        factory.Commands.Count.ShouldBe(withoutPage + 1);
        EvidenceOf(first).ShouldBe(evidence);
    }

    private static List<string> EvidenceOf(JsonNode data)
    {
        var customer = data["customer"]!;
        return [.. customer["experience"]!["topDrivers"]!.AsArray().SelectMany(d => d!["events"]!.AsArray())
            .Concat(customer["signals"]!.AsArray().SelectMany(s => s!["events"]!.AsArray()))
            .Select(e => $"{e!["id"]!.GetValue<string>()}|{e["title"]?.GetValue<string>()}")];
    }
}
