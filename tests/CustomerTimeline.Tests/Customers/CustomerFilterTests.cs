using CustomerTimeline.Api.Insights;
using CustomerTimeline.Api.Journey;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CustomerTimeline.Tests.Infrastructure.JourneyFixtures;

namespace CustomerTimeline.Tests.Customers;

/// <summary>customers(filter:) lists a segment by the computed insights: a work queue, a dashboard's list.</summary>
public sealed class CustomerFilterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly JourneyApiFactory _factory = new(Now);
    private long _ana, _bob, _cy, _dee;

    private const string List = """
        query($filter: CustomerFilter, $search: String, $first: Int, $after: String) {
          customers(filter: $filter, search: $search, first: $first, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } nodes { id displayName }
          }
        }
        """;

    public async Task InitializeAsync()
    {
        await _factory.SeedAsync(async db =>
        {
            var (ana, bob, cy, dee) = (Customer("Ana Pop"), Customer("Bob Stan", "Fabrikam"), Customer("Cy Twombly"), Customer("Dee Dee"));
            db.Customers.AddRange(ana, bob, cy, dee);
            await db.SaveChangesAsync();
            (_ana, _bob, _cy, _dee) = (ana.Id, bob.Id, cy.Id, dee.Id);
            db.Events.Add(Ticket(_ana, "t1", Now.AddDays(-3), "Factura", ["billing"], null));
            db.Events.Add(Message(_ana, "m1", "t1", Now.AddDays(-2), "Nu funcționează deloc, vreau să reziliez contractul!"));
            db.Events.Add(Survey(_bob, "s1", Now.AddDays(-5), "NPS", 10, "Great product"));
            db.Events.Add(Visit(_cy, "v1", Now.AddDays(-1), "/pricing"));
            db.Events.Add(Visit(_dee, "v2", Now.AddDays(-1), "/pricing"));
        });
        await _factory.RefreshAsync(_ana, _bob, _cy); // Dee is not computed yet
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static string Id(long id) => GlobalId.Encode(GlobalId.CustomerType, id);

    private async Task<List<string>> IdsAsync(object filter, string? search = null)
    {
        using var client = _factory.CreateGraphQLClient();
        var page = (await client.QueryAsync(List, new { filter, search }))["customers"]!;
        var ids = page["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToList();
        page["totalCount"]!.GetValue<int>().ShouldBe(ids.Count);
        return ids;
    }

    [Fact]
    public async Task Each_condition_selects_by_the_stored_insights_and_they_combine_with_AND()
    {
        var summaries = await _factory.QueryDbAsync(db => db.CustomerSummaries().ToDictionaryAsync(s => s.CustomerId));
        summaries[_ana].Priority.ShouldBeTrue();

        (await IdsAsync(new { priority = true })).ShouldBe([Id(_ana)]);
        (await IdsAsync(new { priority = false })).ShouldBe([Id(_bob), Id(_cy)], "a customer not computed yet matches no filter");
        (await IdsAsync(new { stage = summaries[_cy].CurrentStageKey }))
            .ShouldBe(summaries.Values.Where(s => s.CurrentStageKey == summaries[_cy].CurrentStageKey).Select(s => s.CustomerId).Order().Select(Id).ToList());
        var band = summaries[_bob].ExperienceScore >= 70 ? "HIGH" : summaries[_bob].ExperienceScore >= 40 ? "MEDIUM" : "LOW";
        (await IdsAsync(new { scoreBand = band })).ShouldContain(Id(_bob));
        (await IdsAsync(new { repeatedProblem = false, priority = true })).ShouldBe([Id(_ana)]);
        (await IdsAsync(new { priority = false }, search: "fabrikam")).ShouldBe([Id(_bob)]);
        (await IdsAsync(new { })).Count.ShouldBe(4, "an empty filter restricts nothing");
    }

    [Fact]
    public async Task An_open_signal_selects_the_customers_it_is_raised_on()
    {
        (await IdsAsync(new { signal = "urgent-intent" })).ShouldBe([Id(_ana)]);
        (await IdsAsync(new { signal = "promoter" })).ShouldBe([Id(_bob)]);
        (await IdsAsync(new { signal = "promoter", priority = true })).ShouldBeEmpty();
        (await IdsAsync(new { signal = "detractor" })).ShouldBeEmpty();

        // Resolved, it no longer counts.
        await _factory.QueryDbAsync(db => db.CustomerSignals().Where(s => s.Kind == "promoter").ExecuteUpdateAsync(u => u.SetProperty(s => s.ResolvedAt, Now)));
        (await IdsAsync(new { signal = "promoter" })).ShouldBeEmpty();

        using var client = _factory.CreateGraphQLClient();
        var refused = await client.PostAsync(List, new { filter = new { signal = "angry" } });
        refused.FirstErrorCode.ShouldBe("BAD_USER_INPUT");
        refused.FirstErrorMessage.ShouldStartWith("'filter.signal' is 'angry', which no automation rule raises: one of ");
        refused.FirstErrorMessage.ShouldContain("detractor");
    }

    [Fact]
    public async Task A_filtered_list_pages_like_the_whole_one()
    {
        using var client = _factory.CreateGraphQLClient();
        var first = (await client.QueryAsync(List, new { filter = new { priority = false }, first = 1 }))["customers"]!;
        first["nodes"]!.AsArray().ShouldHaveSingleItem()!["id"]!.GetValue<string>().ShouldBe(Id(_bob));
        first["pageInfo"]!["hasNextPage"]!.GetValue<bool>().ShouldBeTrue();
        first["totalCount"]!.GetValue<int>().ShouldBe(2);
        var after = first["pageInfo"]!["endCursor"]!.GetValue<string>();
        var second = (await client.QueryAsync(List, new { filter = new { priority = false }, first = 1, after }))["customers"]!;
        second["nodes"]!.AsArray().ShouldHaveSingleItem()!["id"]!.GetValue<string>().ShouldBe(Id(_cy));
        second["pageInfo"]!["hasNextPage"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task A_stage_the_map_does_not_have_is_refused_naming_its_stages()
    {
        using var client = _factory.CreateGraphQLClient();
        var refused = await client.PostAsync(List, new { filter = new { stage = "onbaording" } });
        refused.FirstErrorCode.ShouldBe("BAD_USER_INPUT");
        refused.FirstErrorMessage.ShouldStartWith("'filter.stage' is 'onbaording', which is no stage of the active journey map: one of awareness, ");
        (await client.PostAsync(List, new { filter = new { scoreBand = "AVERAGE" } })).Errors.ShouldNotBeNull();
    }
}
