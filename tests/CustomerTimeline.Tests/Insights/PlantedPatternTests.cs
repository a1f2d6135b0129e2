using System.Text.Json.Nodes;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Journey;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CustomerTimeline.Tests.Infrastructure.JourneyFixtures;

namespace CustomerTimeline.Tests.Insights;

/// <summary>Customers shaped like the generator's planted patterns come out right through the agent query.</summary>
public sealed class PlantedPatternTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly JourneyApiFactory _factory = new(Now);
    private GraphQLClient _client = null!;
    private long _repeated, _happy, _promoter, _stuck, _anonymous, _identified, _linguist;

    public async Task InitializeAsync()
    {
        await _factory.SeedAsync(async db =>
        {
            var repeated = Customer("Rita Repeat");
            var happy = Customer("Hugo Happy");
            var promoter = Customer("Paula Promoter");
            var stuck = Customer("Sam Stuck");
            var anonymous = Customer("Visitor 42", company: null);
            var identified = Customer("Ivan Identified");
            var linguist = Customer("Lea Langue");
            db.Customers.AddRange(repeated, happy, promoter, stuck, anonymous, identified, linguist);
            await db.SaveChangesAsync();
            (_repeated, _happy, _promoter, _stuck, _anonymous, _identified, _linguist) =
                (repeated.Id, happy.Id, promoter.Id, stuck.Id, anonymous.Id, identified.Id, linguist.Id);

            db.Events.AddRange(
                Visit(_repeated, "r-v1", Now.AddDays(-20), "/app/dashboard"),
                Ticket(_repeated, "r-t1", Now.AddDays(-10), "Sync fails", ["sync"], "The sync is broken, very frustrating."),
                Ticket(_repeated, "r-t2", Now.AddDays(-8), "Sync fails again", ["sync"], "Still not working, this is terrible."),
                Ticket(_repeated, "r-t3", Now.AddDays(-6), "Sync still broken", ["sync"], "Same problem again, I am very disappointed."),
                Visit(_happy, "h-v1", Now.AddDays(-20), "/app/dashboard"),
                Visit(_happy, "h-v2", Now.AddDays(-12), "/app/reports"),
                Survey(_happy, "h-s1", Now.AddDays(-9), "CSAT", 5, "Great support, thank you"),
                ContactChange(_promoter, "p-c1", Now.AddDays(-40), "customer"),
                Visit(_promoter, "p-v1", Now.AddDays(-30), "/app/dashboard"),
                Survey(_promoter, "p-s1", Now.AddDays(-5), "NPS", 10, "Excellent produit, merci !"),
                Visit(_stuck, "s-v1", Now.AddDays(-70), "/blog/journey-maps", "search"),
                Visit(_stuck, "s-v2", Now.AddDays(-60), "/pricing"),
                Activity(_stuck, "s-a1", Now.AddDays(-55), "appointment", "Product demo"),
                Visit(_anonymous, "a-v1", Now.AddDays(-40), "/", "search"),
                Visit(_anonymous, "a-v2", Now.AddDays(-38), "/blog/why", null),
                ContactChange(_identified, "i-c1", Now.AddDays(-10), "customer"),
                Message(_linguist, "l-m1", "l-t1", Now.AddDays(-3), "Je ne suis pas satisfait du tout, je veux résilier mon abonnement."),
                Message(_linguist, "l-m2", "l-t1", Now.AddDays(-2), "I am not happy at all with the answer."),
                Message(_linguist, "l-m3", "l-t1", Now.AddDays(-1), "Thank you, it works great now!"),
                Message(_linguist, "l-m4", "l-t1", Now.AddDays(-1), "We are sorry, it is fixed now.", author: "agent"));
        });
        await _factory.RefreshAsync(_repeated, _happy, _promoter, _stuck, _anonymous, _identified, _linguist);
        _client = _factory.CreateGraphQLClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private const string AgentQuery = """
        query AgentContext($id: ID!) {
          customer(id: $id) {
            displayName
            experience { score band priority repeatedProblem repeatedProblems
              drivers { key contribution maxPoints weight subscore events { id } }
              trend { change direction points { at score } } }
            journey { currentStage { key } skippedStages { key }
              stages { stage { key } reached firstReachedAt eventCount } }
            signals { kind severity reason events { id title } }
            nextBestActions { kind title reason priority signal events { id } }
            timeline(first: 5) { nodes { title sentiment urgent intents stageKey touchpointKey } }
          }
        }
        """;

    private async Task<JsonNode> AgentAsync(long id) =>
        (await _client.QueryAsync(AgentQuery, new { id = GlobalId.Encode(GlobalId.CustomerType, id) }))["customer"]!;

    private static List<string> Kinds(JsonNode customer, string list) =>
        customer[list]!.AsArray().Select(s => s!["kind"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Repeated_problem_customer_is_flagged_escalated_and_scores_low()
    {
        var rita = await AgentAsync(_repeated);
        var hugo = await AgentAsync(_happy);
        var experience = rita["experience"]!;
        experience["repeatedProblem"]!.GetValue<bool>().ShouldBeTrue();
        experience["repeatedProblems"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldContain("sync");
        experience["priority"]!.GetValue<bool>().ShouldBeTrue();
        experience["score"]!.GetValue<double>().ShouldBeLessThan(45);
        experience["score"]!.GetValue<double>().ShouldBeLessThan(hugo["experience"]!["score"]!.GetValue<double>() - 30);
        var repeatedDriver = experience["drivers"]!.AsArray().Single(d => d!["key"]!.GetValue<string>() == "repeatedProblems")!;
        repeatedDriver["contribution"]!.GetValue<double>().ShouldBe(0);
        repeatedDriver["events"]!.AsArray().Count.ShouldBe(3);
        Kinds(rita, "signals").ShouldContain("repeated-problem");
        var escalation = rita["nextBestActions"]!.AsArray().First()!;
        escalation["kind"]!.GetValue<string>().ShouldBe("Escalate");
        escalation["events"]!.AsArray().Count.ShouldBe(3);
        hugo["experience"]!["repeatedProblem"]!.GetValue<bool>().ShouldBeFalse();
        Kinds(hugo, "signals").ShouldBeEmpty();
    }

    [Fact]
    public async Task Promoter_lands_in_advocacy_with_a_follow_up_suggestion()
    {
        var paula = await AgentAsync(_promoter);
        paula["journey"]!["currentStage"]!["key"]!.GetValue<string>().ShouldBe("advocacy");
        Kinds(paula, "signals").ShouldBe(["promoter"]);
        var action = paula["nextBestActions"]!.AsArray().Single()!;
        action["kind"]!.GetValue<string>().ShouldBe("FollowUpTask");
        action["reason"]!.GetValue<string>().ShouldContain("NPS 10");
        paula["timeline"]!["nodes"]![0]!["touchpointKey"]!.GetValue<string>().ShouldBe("promoter");
        paula["timeline"]!["nodes"]![0]!["sentiment"]!.GetValue<double>().ShouldBeGreaterThan(0.8);
    }

    [Fact]
    public async Task Stuck_customer_gets_a_stall_signal_and_friction_point()
    {
        var sam = await AgentAsync(_stuck);
        sam["journey"]!["currentStage"]!["key"]!.GetValue<string>().ShouldBe("consideration");
        sam["journey"]!["skippedStages"]!.AsArray().Select(s => s!["key"]!.GetValue<string>()).ShouldBe(["interest"]);
        var stall = sam["signals"]!.AsArray().Single(s => s!["kind"]!.GetValue<string>() == "stall")!;
        stall["reason"]!.GetValue<string>().ShouldContain("Consideration");
        stall["events"]![0]!["title"]!.GetValue<string>().ShouldBe("Visited /pricing");
        Kinds(sam, "nextBestActions").ShouldContain("Nudge");

        var overlay = await _client.QueryAsync("""
            query($id: ID!) { customer(id: $id) { journey { stages { stage { key } current frictionPoints { kind reason } } } } }
            """, new { id = GlobalId.Encode(GlobalId.CustomerType, _stuck) });
        var consideration = overlay["customer"]!["journey"]!["stages"]!.AsArray().Single(s => s!["stage"]!["key"]!.GetValue<string>() == "consideration")!;
        consideration["current"]!.GetValue<bool>().ShouldBeTrue();
        consideration["frictionPoints"]![0]!["kind"]!.GetValue<string>().ShouldBe("STALL");
    }

    [Fact]
    public async Task Anonymous_visits_count_toward_awareness_once_the_visitor_is_identified()
    {
        // Identity resolution merges the anonymous visitor into the identified customer, then refreshes both ids.
        await _factory.QueryDbAsync(async db =>
        {
            await db.Events.Where(e => e.CustomerId == _anonymous).ExecuteUpdateAsync(s => s.SetProperty(e => e.CustomerId, _identified));
            return await db.Customers.Where(c => c.Id == _anonymous).ExecuteDeleteAsync();
        });
        (await _factory.RefreshAsync(_anonymous, _identified)).ShouldBe(1);

        var ivan = await _client.QueryAsync("""
            query($id: ID!) { customer(id: $id) { journey { currentStage { key }
              stages { stage { key } reached firstReachedAt events(first: 10) { totalCount } } } } }
            """, new { id = GlobalId.Encode(GlobalId.CustomerType, _identified) });
        var awareness = ivan["customer"]!["journey"]!["stages"]!.AsArray().Single(s => s!["stage"]!["key"]!.GetValue<string>() == "awareness")!;
        awareness["reached"]!.GetValue<bool>().ShouldBeTrue();
        DateTimeOffset.Parse(awareness["firstReachedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(Now.AddDays(-40));
        awareness["events"]!["totalCount"]!.GetValue<int>().ShouldBe(2);
        ivan["customer"]!["journey"]!["currentStage"]!["key"]!.GetValue<string>().ShouldBe("purchase");
        (await _factory.QueryDbAsync(db => db.CustomerSummaries().AnyAsync(s => s.CustomerId == _anonymous))).ShouldBeFalse();
    }

    [Fact]
    public async Task English_and_French_sentiment_and_intents_flow_into_events_and_raise_priority()
    {
        var events = await _factory.QueryDbAsync(db => db.Events.Where(e => e.CustomerId == _linguist).ToDictionaryAsync(e => e.SourceRecordId));
        events["l-m1"].Sentiment.ShouldNotBeNull().ShouldBeLessThan(0);
        events["l-m1"].Urgent.ShouldBeTrue();
        events["l-m1"].Intents!.Split(',').ShouldContain("cancel");
        events["l-m2"].Sentiment.ShouldNotBeNull().ShouldBeLessThan(0);
        events["l-m3"].Sentiment.ShouldNotBeNull().ShouldBeGreaterThan(0);
        events["l-m4"].Sentiment.ShouldBeNull("agents' own messages are not the customer's feeling");
        events["l-m4"].Intents.ShouldBe("");

        var lea = await AgentAsync(_linguist);
        Kinds(lea, "signals").ShouldContain("urgent-intent");
        lea["experience"]!["priority"]!.GetValue<bool>().ShouldBeTrue();
        lea["nextBestActions"]!.AsArray().First()!["kind"]!.GetValue<string>().ShouldBe("RouteToAgent");
    }

    [Fact]
    public async Task Drivers_add_up_to_the_score_for_every_customer()
    {
        foreach (var id in new[] { _repeated, _happy, _promoter, _stuck, _identified, _linguist })
        {
            var experience = (await AgentAsync(id))["experience"]!;
            var drivers = experience["drivers"]!.AsArray();
            drivers.Count.ShouldBe(6);
            var sum = drivers.Sum(d => d!["contribution"]!.GetValue<double>());
            sum.ShouldBe(experience["score"]!.GetValue<double>(), 0.011);
            drivers.Sum(d => d!["maxPoints"]!.GetValue<double>()).ShouldBe(100, 0.05);
            foreach (var d in drivers)
                d!["contribution"]!.GetValue<double>().ShouldBe(d["maxPoints"]!.GetValue<double>() * d["subscore"]!.GetValue<double>(), 0.011);
            var points = experience["trend"]!["points"]!.AsArray();
            points[^1]!["score"]!.GetValue<double>().ShouldBe(experience["score"]!.GetValue<double>());
        }
    }

    [Fact]
    public async Task Refresh_is_idempotent()
    {
        var before = await _factory.QueryDbAsync(async db => (
            Stages: await db.CustomerJourneyStages().CountAsync(),
            Signals: await db.CustomerSignals().CountAsync(),
            Score: await db.CustomerSummaries().Where(s => s.CustomerId == _repeated).Select(s => s.ExperienceScore).SingleAsync()));
        await _factory.RefreshAsync(_repeated, _happy, _promoter, _stuck, _linguist);
        var after = await _factory.QueryDbAsync(async db => (
            Stages: await db.CustomerJourneyStages().CountAsync(),
            Signals: await db.CustomerSignals().CountAsync(),
            Score: await db.CustomerSummaries().Where(s => s.CustomerId == _repeated).Select(s => s.ExperienceScore).SingleAsync()));
        after.ShouldBe(before);
    }
}
