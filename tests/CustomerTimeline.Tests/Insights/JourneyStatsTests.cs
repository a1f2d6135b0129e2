using System.Text.Json.Nodes;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Journey;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CustomerTimeline.Tests.Infrastructure.JourneyFixtures;

namespace CustomerTimeline.Tests.Insights;

/// <summary>Global stats answered from the aggregates equal a brute-force recount over the events.</summary>
public sealed class JourneyStatsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    // The recount compares the first answer after the seed: it must be computed, not the start-up warm-up's
    // (empty-database) stats served while a recomputation runs, which a slow warm-up would otherwise allow.
    private readonly JourneyApiFactory _factory = new(Now, neverServeStaleStats: true);
    private GraphQLClient _client = null!;

    public async Task InitializeAsync()
    {
        var random = new Random(20260601);
        var ids = new List<long>();
        await _factory.SeedAsync(async db =>
        {
            var customers = Enumerable.Range(0, 120).Select(i => Customer($"Customer {i}", company: i % 3 == 0 ? "Fabrikam" : "Contoso")).ToList();
            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
            ids.AddRange(customers.Select(c => c.Id));
            var paths = new[] { "/blog/a", "/features/x", "/docs/start", "/pricing", "/signup", "/app/home", "/support/faq", "/billing", "/" };
            foreach (var c in customers)
            {
                var start = Now.AddDays(-random.Next(30, 200));
                var n = random.Next(0, 12);
                for (var k = 0; k < n; k++)
                {
                    var at = start.AddHours(random.Next(0, 24 * 120));
                    var id = $"{c.Id}-{k}";
                    db.Events.Add(random.Next(6) switch
                    {
                        0 => Ticket(c.Id, id, at, "Problem " + k, [random.Next(2) == 0 ? "login" : "sync"], random.Next(2) == 0 ? "It is broken and I am angry" : "Works fine, thanks"),
                        1 => Survey(c.Id, id, at, "NPS", random.Next(0, 11), random.Next(2) == 0 ? "très bien" : null),
                        2 => Activity(c.Id, id, at, "appointment", random.Next(2) == 0 ? "Product demo" : "Onboarding kick-off"),
                        _ => Visit(c.Id, id, at, paths[random.Next(paths.Length)], random.Next(3) == 0 ? "search" : null),
                    });
                }
            }
        });
        await _factory.RefreshAsync([.. ids]);
        _client = _factory.CreateGraphQLClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private const string StatsQuery = """
        query($filter: JourneyStatsFilter) { journeyMap { totalCustomers(filter: $filter)
          stages { key stats(filter: $filter) { customersReached share dropOffFromPrevious medianDaysToReach averageSentiment events channelPreference { channel events share } }
            touchpoints { key stats(filter: $filter) { customersReached share medianDaysToReach averageSentiment events } } } } }
        """;

    [Fact]
    public async Task Unfiltered_stats_equal_a_brute_force_recount()
    {
        var (customers, events) = await LoadAsync();
        await AssertStatsAsync(await _client.QueryAsync(StatsQuery), customers.Select(c => c.Id).ToHashSet(), events, null, null);
    }

    [Fact]
    public async Task Segment_and_window_filters_equal_a_brute_force_recount()
    {
        var (customers, events) = await LoadAsync();
        var fabrikam = customers.Where(c => c.Company == "Fabrikam").Select(c => c.Id).ToHashSet();
        var from = Now.AddDays(-120);
        var to = Now.AddDays(-30);
        var data = await _client.QueryAsync(StatsQuery, new { filter = new { company = "Fabrikam", from, to } });
        await AssertStatsAsync(data, fabrikam, events, from, to);
        // The whole name, as search reads it: case, accents and surrounding spaces aside; a part of it is not a match.
        foreach (var typed in new[] { "  fabrikam ", "FABRIKÄM" })
        {
            var same = await _client.QueryAsync(StatsQuery, new { filter = new { company = typed, from, to } });
            same.ToJsonString().ShouldBe(data.ToJsonString());
        }
        var part = await _client.QueryAsync(StatsQuery, new { filter = new { company = "Fabri", from, to } });
        part["journeyMap"]!["totalCustomers"]!.GetValue<int>().ShouldBe(0);
    }

    private async Task<(List<Customer> Customers, List<TimelineEvent> Events)> LoadAsync() =>
        (await _factory.QueryDbAsync(db => db.Customers.ToListAsync()), await _factory.QueryDbAsync(db => db.Events.ToListAsync()));

    private static Task AssertStatsAsync(JsonNode data, HashSet<long> segment, List<TimelineEvent> allEvents, DateTimeOffset? from, DateTimeOffset? to)
    {
        var map = DefaultJourneyMap.Load();
        var events = allEvents.Where(e => segment.Contains(e.CustomerId)).ToList();
        var firstEvent = events.GroupBy(e => e.CustomerId).ToDictionary(g => g.Key, g => g.Min(e => e.OccurredAt));
        data["journeyMap"]!["totalCustomers"]!.GetValue<int>().ShouldBe(segment.Count);
        var stages = data["journeyMap"]!["stages"]!.AsArray();
        stages.Select(s => s!["key"]!.GetValue<string>()).ShouldBe(map.Stages.Select(s => s.Key));

        bool InWindow(DateTimeOffset at) => (from is null || at >= from) && (to is null || at < to);
        HashSet<long> Reached(Func<TimelineEvent, bool> where) =>
            events.Where(where).GroupBy(e => e.CustomerId).Where(g => InWindow(g.Min(e => e.OccurredAt))).Select(g => g.Key).ToHashSet();
        HashSet<long> Ever(string stage) => events.Where(e => e.StageKey == stage).Select(e => e.CustomerId).ToHashSet();

        HashSet<long>? previous = null;
        var checkedStages = 0;
        foreach (var node in stages)
        {
            var key = node!["key"]!.GetValue<string>();
            var stats = node["stats"]!;
            var reached = Reached(e => e.StageKey == key);
            stats["customersReached"]!.GetValue<int>().ShouldBe(reached.Count, key);
            stats["share"]!.GetValue<double>().ShouldBe(segment.Count == 0 ? 0 : reached.Count / (double)segment.Count, 1e-9, key);
            var inStage = events.Where(e => e.StageKey == key && reached.Contains(e.CustomerId)).ToList();
            stats["events"]!.GetValue<int>().ShouldBe(inStage.Count, key);
            var sentiments = inStage.Where(e => e.Sentiment is not null).Select(e => e.Sentiment!.Value).ToList();
            if (sentiments.Count == 0) stats["averageSentiment"].ShouldBeNull(key);
            else stats["averageSentiment"]!.GetValue<double>().ShouldBe(sentiments.Average(), 1e-4, key);
            var days = reached.Select(c => (events.Where(e => e.CustomerId == c && e.StageKey == key).Min(e => e.OccurredAt) - firstEvent[c]).TotalDays).Order().ToList();
            if (days.Count == 0) stats["medianDaysToReach"].ShouldBeNull(key);
            else stats["medianDaysToReach"]!.GetValue<double>().ShouldBe(days.Count % 2 == 1 ? days[days.Count / 2] : (days[(days.Count / 2) - 1] + days[days.Count / 2]) / 2, 1e-3, key);
            foreach (var channel in stats["channelPreference"]!.AsArray())
            {
                var name = Enum.Parse<Channel>(channel!["channel"]!.GetValue<string>(), ignoreCase: true);
                channel["events"]!.GetValue<int>().ShouldBe(inStage.Count(e => e.Channel == name), key);
                channel["share"]!.GetValue<double>().ShouldBe(inStage.Count(e => e.Channel == name) / (double)inStage.Count, 1e-9, key);
            }
            if (previous is { Count: > 0 })
                stats["dropOffFromPrevious"]!.GetValue<double>().ShouldBe(previous.Count(c => !Ever(key).Contains(c)) / (double)previous.Count, 1e-9, key);
            previous = reached;
            if (reached.Count > 0) checkedStages++;

            foreach (var tp in node["touchpoints"]!.AsArray())
            {
                var tpKey = tp!["key"]!.GetValue<string>();
                var tpReached = Reached(e => e.TouchpointKey == tpKey);
                tp["stats"]!["customersReached"]!.GetValue<int>().ShouldBe(tpReached.Count, tpKey);
                tp["stats"]!["events"]!.GetValue<int>().ShouldBe(events.Count(e => e.TouchpointKey == tpKey && tpReached.Contains(e.CustomerId)), tpKey);
            }
        }
        checkedStages.ShouldBeGreaterThan(4, "the dataset must exercise most stages");
        return Task.CompletedTask;
    }
}
