using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustomerTimeline.Tests.GraphQLServer;

/// <summary>
/// The start-up warm-up runs the documented agent-context request (and the journey stats' behind it) through the
/// real endpoint before the first caller, as a reader: nothing unmasked, so no PII read is audited.
/// </summary>
public sealed class GraphQLWarmUpTests
{
    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Warm_up_answers_the_agent_context_of_a_stored_customer_without_auditing_a_read(string environment)
    {
        var directory = TimelineApiFactory.NewDataDirectory();
        // A second instance on the same database (a factory deletes its folder when disposed).
        await using var seeding = new WarmUpFactory(directory, warmUp: false);
        await seeding.SeedAsync(SampleData.SeedAsync);
        await using var factory = new WarmUpFactory(directory, warmUp: true, environment);
        factory.StartServer();
        (await factory.WithDbAsync(db => db.Customers.CountAsync())).ShouldBeGreaterThan(0);
        var warmUp = WarmUpOf(factory);
        // The agent context is answered before the host has started; the stats follow behind.
        warmUp.Outcomes.ShouldContain(new GraphQLWarmUp.WarmUpOutcome("AgentContext", 200, Errors: false));
        for (var i = 0; i < 200 && warmUp.Outcomes.Count < 2; i++) await Task.Delay(50);
        warmUp.Outcomes.ShouldContain(new GraphQLWarmUp.WarmUpOutcome("JourneyStats", 200, Errors: false));

        // The PII-read journal writes every 100 ms: give it more than that, then nothing may be there.
        await Task.Delay(500);
        (await factory.WithDbAsync(db => db.AuditEntries.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Warm_up_of_an_empty_database_answers_cleanly()
    {
        await using var factory = new WarmUpFactory(TimelineApiFactory.NewDataDirectory(), warmUp: true);
        factory.StartServer();
        WarmUpOf(factory).Outcomes.ShouldContain(new GraphQLWarmUp.WarmUpOutcome("AgentContext", 200, Errors: false));
    }

    [Fact]
    public async Task Warm_up_can_be_turned_off()
    {
        await using var factory = new WarmUpFactory(TimelineApiFactory.NewDataDirectory(), warmUp: false);
        factory.StartServer();
        await Task.Delay(200);
        WarmUpOf(factory).Outcomes.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_warm_up_answered_with_errors_records_their_codes_and_nothing_else()
    {
        // Depth 2 refuses the agent-context document before it runs: an answer with errors, whatever the data.
        await using var factory = new WarmUpFactory(TimelineApiFactory.NewDataDirectory(), warmUp: true, maxDepth: 2);
        factory.StartServer();
        var outcome = WarmUpOf(factory).Outcomes.Single(o => o.Operation == "AgentContext");
        outcome.Errors.ShouldBeTrue();
        outcome.Codes.ShouldNotBeEmpty();
        outcome.Codes.ShouldMatch("^[A-Z_]+(,[A-Z_]+)*$");
    }

    [Fact]
    public async Task A_stop_that_comes_after_the_dispose_is_quiet()
    {
        // The test host's entry point can dispose the host before the factory's own stop reaches this service (CI, once).
        await using var factory = new WarmUpFactory(TimelineApiFactory.NewDataDirectory(), warmUp: true);
        factory.StartServer();
        var warmUp = WarmUpOf(factory);
        warmUp.Dispose();
        await warmUp.StopAsync(CancellationToken.None);
        warmUp.Outcomes.ShouldContain(o => o.Operation == "AgentContext");
    }

    [Theory]
    [InlineData("{\"data\":{\"a\":1}}", "")]
    [InlineData("{\"errors\":[{\"message\":\"x\",\"extensions\":{\"code\":\"TIMEOUT\"}},{\"message\":\"y\",\"extensions\":{\"code\":\"FORBIDDEN\"}},{\"message\":\"z\",\"extensions\":{\"code\":\"TIMEOUT\"}}]}", "FORBIDDEN,TIMEOUT")]
    [InlineData("{\"errors\":[{\"message\":\"no code\"},{\"extensions\":{\"code\":7}}]}", "")]
    [InlineData("{\"errors\":[{\"message\":\"cut", "")]
    public void Error_codes_are_read_from_the_answer_without_its_data(string answer, string codes)
    {
        using var response = new MemoryStream();
        response.Write(System.Text.Encoding.UTF8.GetBytes(answer));
        InMemoryGraphQLRequest.ErrorCodes(response).ShouldBe(codes);
    }

    private static GraphQLWarmUp WarmUpOf(TimelineApiFactory factory) =>
        factory.Services.GetServices<IHostedService>().OfType<GraphQLWarmUp>().Single();

    private sealed class WarmUpFactory(string directory, bool warmUp, string environment = "Development", int? maxDepth = null)
        : TimelineApiFactory(directory)
    {
        protected override string EnvironmentName => environment;

        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var settings = new Dictionary<string, string?> { ["GraphQL:WarmUp"] = warmUp ? "true" : "false" };
                if (maxDepth is { } depth) settings["GraphQL:Limits:MaxDepth"] = depth.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return settings;
            }
        }
    }
}
