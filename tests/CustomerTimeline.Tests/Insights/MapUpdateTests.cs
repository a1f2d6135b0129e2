using System.Text.Json.Nodes;
using CustomerTimeline.Api.Journey;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CustomerTimeline.Tests.Infrastructure.JourneyFixtures;

namespace CustomerTimeline.Tests.Insights;

/// <summary>updateJourneyMap validates, versions, and re-classifies every customer in the background, resuming after a restart.</summary>
public sealed class MapUpdateTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ct-journey-" + Guid.NewGuid().ToString("N"));

    private const string Update = """
        mutation($json: String!) { updateJourneyMap(json: $json) { changed errors map { version stages { key } } } }
        """;

    [Fact]
    public async Task Invalid_map_is_refused_with_errors_naming_the_rule_and_nothing_is_stored()
    {
        await using var factory = new JourneyApiFactory(Now);
        using var client = factory.CreateGraphQLClient();
        var json = JsonNode.Parse((await client.QueryAsync("{ journeyMap { json } }"))["journeyMap"]!["json"]!.GetValue<string>())!;
        json["rules"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == "pricing")!["touchpoint"] = "nowhere";

        var result = (await client.QueryAsync(Update, new { json = json.ToJsonString() }))["updateJourneyMap"]!;
        result["changed"]!.GetValue<bool>().ShouldBeFalse();
        result["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ShouldContain(e => e.Contains("Rule 'pricing'") && e.Contains("nowhere"));
        result["map"]!["version"]!.GetValue<int>().ShouldBe(1);

        var broken = (await client.QueryAsync(Update, new { json = "{ \"name\": \"x\", \"stages\": [ { \"key\": 3 } ] }" }))["updateJourneyMap"]!;
        broken["errors"]![0]!.GetValue<string>().ShouldBe("The map does not fit its format at $.stages[0].key: expected a string.");

        // Each shape error says which JSON value belongs there, without the API's type names.
        foreach (var (map, error) in new[]
        {
            ("[1, 2]", "The map does not fit its format at $: expected an object."),
            ("{ \"name\": \"x\", \"stages\": 5 }", "The map does not fit its format at $.stages: expected an array."),
            ("{ \"touchpoints\": [ { \"channel\": \"Pigeon\" } ] }", "The map does not fit its format at $.touchpoints[0].channel: expected one of Crm, Email, Phone"),
            ("{ \"touchpoints\": [ { \"criticality\": true } ] }", "The map does not fit its format at $.touchpoints[0].criticality: expected one of Critical, Complementary, Superfluous."),
            ("{ \"name\": ", "The map is not valid JSON at $.name: "),
        })
        {
            var refused = (await client.QueryAsync(Update, new { json = map }))["updateJourneyMap"]!;
            refused["changed"]!.GetValue<bool>().ShouldBeFalse();
            var message = refused["errors"]!.AsArray().ShouldHaveSingleItem()!.GetValue<string>();
            message.ShouldStartWith(error);
            message.ShouldNotContain("CustomerTimeline");
            message.ShouldNotContain("System.");
        }

        var same = (await client.QueryAsync(Update, new { json = DefaultJourneyMap.Json }))["updateJourneyMap"]!;
        same["changed"]!.GetValue<bool>().ShouldBeFalse();
        same["errors"]!.AsArray().ShouldBeEmpty();
        (await factory.QueryDbAsync(db => db.JourneyMapVersions().CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_new_map_sent_at_once_is_stored_once_and_the_other_calls_change_nothing()
    {
        await using var factory = new JourneyApiFactory(Now, background: false);
        var json = JsonNode.Parse(DefaultJourneyMap.Json)!;
        json["name"] = "Renamed lifecycle";
        var map = json.ToJsonString();
        using (var warm = factory.CreateGraphQLClient())
            (await warm.QueryAsync(Update, new { json = DefaultJourneyMap.Json }))["updateJourneyMap"]!["changed"]!.GetValue<bool>().ShouldBeFalse();

        using var start = new SemaphoreSlim(0);
        var pending = Enumerable.Range(0, 6).Select(async _ =>
        {
            using var client = factory.CreateGraphQLClient();
            await start.WaitAsync();
            return (await client.QueryAsync(Update, new { json = map }))["updateJourneyMap"]!;
        }).ToList();
        start.Release(pending.Count);
        var calls = await Task.WhenAll(pending);

        calls.Count(c => c["changed"]!.GetValue<bool>()).ShouldBe(1);
        calls.ShouldAllBe(c => c["errors"]!.AsArray().Count == 0);
        calls.Select(c => c["map"]!["version"]!.GetValue<int>()).Distinct().ShouldHaveSingleItem().ShouldBe(2);
        (await factory.QueryDbAsync(db => db.JourneyMapVersions().CountAsync())).ShouldBe(2);
        (await factory.QueryDbAsync(db => db.JourneyReclassifications().CountAsync())).ShouldBe(2);
    }

    [Fact]
    public async Task Map_update_reclassifies_every_customer_in_the_background_and_resumes_after_a_restart()
    {
        var ids = new List<long>();
        string newMap;
        await using (var first = new JourneyApiFactory(Now, background: false, dataDirectory: _directory, batchSize: 2))
        {
            await first.SeedAsync(async db =>
            {
                var customers = Enumerable.Range(0, 5).Select(i => Customer($"Pricing visitor {i}")).ToList();
                db.Customers.AddRange(customers);
                await db.SaveChangesAsync();
                ids.AddRange(customers.Select(c => c.Id));
                foreach (var c in customers) db.Events.Add(Visit(c.Id, $"pv-{c.Id}", Now.AddDays(-3), "/pricing"));
            });
            await first.RefreshAsync([.. ids]);
            (await first.QueryDbAsync(db => db.Events.Select(e => e.StageKey).Distinct().ToListAsync())).ShouldBe(["consideration"]);

            using var client = first.CreateGraphQLClient();
            var json = JsonNode.Parse(DefaultJourneyMap.Json)!;
            json["rules"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == "pricing")!["touchpoint"] = "billing";
            newMap = json.ToJsonString();
            var result = (await client.QueryAsync(Update, new { json = newMap }))["updateJourneyMap"]!;
            result["changed"]!.GetValue<bool>().ShouldBeTrue();
            result["map"]!["version"]!.GetValue<int>().ShouldBe(2);

            // One batch of two customers, then the process "crashes".
            (await first.Services.GetRequiredService<JourneyReclassifier>().ProcessNextBatchAsync(CancellationToken.None)).ShouldBe(2);
            var checkpoint = await first.QueryDbAsync(db => db.JourneyReclassifications().SingleAsync(r => r.MapVersion == 2));
            checkpoint.LastCustomerId.ShouldBe(ids[1]);
            checkpoint.CompletedAt.ShouldBeNull();
            (await first.QueryDbAsync(db => db.Events.CountAsync(e => e.StageKey == "renewal"))).ShouldBe(2);
        }

        await using var second = new JourneyApiFactory(Now, background: true, dataDirectory: _directory, batchSize: 2);
        using var client2 = second.CreateGraphQLClient();
        JsonNode? progress = null;
        for (var i = 0; i < 100; i++)
        {
            progress = (await client2.QueryAsync("{ journeyMap { version reclassification { processedCustomers completedAt } } }"))["journeyMap"]!;
            if (progress["reclassification"]!["completedAt"] is not null) break;
            await Task.Delay(100);
        }
        progress!["version"]!.GetValue<int>().ShouldBe(2);
        progress["reclassification"]!["completedAt"].ShouldNotBeNull();
        progress["reclassification"]!["processedCustomers"]!.GetValue<int>().ShouldBe(5, "resumed after the checkpoint instead of starting over");
        (await second.QueryDbAsync(db => db.Events.Select(e => e.StageKey).Distinct().ToListAsync())).ShouldBe(["renewal"]);
        (await second.QueryDbAsync(db => db.CustomerSummaries().Where(s => ids.Contains(s.CustomerId)).Select(s => s.MapVersion).Distinct().ToListAsync())).ShouldBe([2]);
        var stats = await client2.QueryAsync("{ journeyMap { stages { key stats { customersReached } } } }");
        stats["journeyMap"]!["stages"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == "renewal")!["stats"]!["customersReached"]!.GetValue<int>().ShouldBe(5);
    }

    [Fact]
    public async Task Bulk_loaded_customers_without_classification_are_computed_by_the_worker()
    {
        await using var factory = new JourneyApiFactory(Now, background: true, batchSize: 3);
        var ids = new List<long>();
        await factory.SeedAsync(async db =>
        {
            // Customers and their events in one SaveChanges: the running worker must never see a customer without them.
            var customers = Enumerable.Range(0, 7).Select(i => Customer($"Bulk {i}")).ToList();
            db.Customers.AddRange(customers);
            for (var i = 0; i < customers.Count; i++)
            {
                var survey = Survey(0, $"bulk-{i}", Now.AddDays(-1), "NPS", 10, null);
                survey.Customer = customers[i];
                db.Events.Add(survey);
            }
            await db.SaveChangesAsync();
            ids.AddRange(customers.Select(c => c.Id));
        });
        var done = 0;
        for (var i = 0; i < 100 && done < ids.Count; i++)
        {
            await Task.Delay(100);
            done = await factory.QueryDbAsync(db => db.CustomerSummaries().CountAsync(s => ids.Contains(s.CustomerId)));
        }
        done.ShouldBe(ids.Count);
        (await factory.QueryDbAsync(db => db.Events.CountAsync(e => e.StageKey == "advocacy"))).ShouldBe(ids.Count);
        (await factory.QueryDbAsync(db => db.CustomerSignals().CountAsync(s => s.Kind == "promoter"))).ShouldBe(ids.Count);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
