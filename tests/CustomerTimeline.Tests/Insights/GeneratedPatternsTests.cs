using CustomerTimeline.Api.Generator;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Api.Journey;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Insights;

/// <summary>The generator's planted patterns come out of the insights pipeline as the product promises.</summary>
public sealed class GeneratedPatternsTests : IAsyncLifetime
{
    private readonly GeneratorTimeApiFactory _api = new();
    private Dictionary<PlantedPattern, List<long>> _planted = [];

    public async Task InitializeAsync()
    {
        var customers = new DataGenerator(new GeneratorOptions { Seed = 42, TargetEvents = 4_000 }).Generate().ToList();
        _planted = Enum.GetValues<PlantedPattern>().ToDictionary(p => p,
            p => customers.Where(c => c.Patterns.Contains(p)).Select(c => c.Customer.Id).ToList());
        _ = _api.Server;
        await using var scope = _api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomerTimeline.Api.Data.TimelineDbContext>();
        await DatasetLoader.LoadAsync(db, customers);
        var ids = await db.Customers.Select(c => c.Id).ToListAsync();
        await scope.ServiceProvider.GetRequiredService<CustomerInsights>().RefreshAsync(db, ids, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Repeated_problem_customers_are_flagged_and_score_below_the_others()
    {
        var ids = _planted[PlantedPattern.RepeatedProblem];
        ids.ShouldNotBeEmpty();
        var summaries = await _api.WithDbAsync(db => db.CustomerSummaries().ToListAsync());
        summaries.Where(s => ids.Contains(s.CustomerId)).ShouldAllBe(s => s.RepeatedProblem);
        var flagged = summaries.Where(s => ids.Contains(s.CustomerId)).Average(s => s.ExperienceScore);
        var others = summaries.Where(s => !ids.Contains(s.CustomerId)).Average(s => s.ExperienceScore);
        flagged.ShouldBeLessThan(others);
        // Each gets an open escalation (from the repeated problem itself when recent, else from the detractor answer).
        var escalated = await _api.WithDbAsync(db => db.CustomerSignals()
            .Where(s => ids.Contains(s.CustomerId) && s.ResolvedAt == null && s.ActionKind == "Escalate")
            .Select(s => s.CustomerId).Distinct().CountAsync());
        escalated.ShouldBe(ids.Count);
    }

    [Fact]
    public async Task Promoters_land_in_advocacy()
    {
        var ids = _planted[PlantedPattern.Promoter];
        ids.ShouldNotBeEmpty();
        var reached = await _api.WithDbAsync(db => db.CustomerJourneyStages()
            .Where(s => ids.Contains(s.CustomerId) && s.StageKey == "advocacy").Select(s => s.CustomerId).Distinct().CountAsync());
        reached.ShouldBe(ids.Count);
    }

    [Fact]
    public async Task Anonymous_then_identified_visitors_count_toward_awareness()
    {
        var ids = _planted[PlantedPattern.AnonymousThenIdentified];
        ids.ShouldNotBeEmpty();
        var reached = await _api.WithDbAsync(db => db.CustomerJourneyStages()
            .Where(s => ids.Contains(s.CustomerId) && s.StageKey == "awareness").Select(s => s.CustomerId).Distinct().CountAsync());
        reached.ShouldBe(ids.Count);
    }

    [Fact]
    public async Task Stuck_customers_get_a_stall_signal()
    {
        var ids = _planted[PlantedPattern.StuckInStage];
        ids.ShouldNotBeEmpty();
        var stalled = await _api.WithDbAsync(db => db.CustomerSignals()
            .Where(s => ids.Contains(s.CustomerId) && s.ResolvedAt == null && s.Kind.Contains("stall"))
            .Select(s => s.CustomerId).Distinct().CountAsync());
        var debug = await _api.WithDbAsync(db => db.CustomerSummaries().Where(s => ids.Contains(s.CustomerId))
            .Select(s => s.CurrentStageKey + "@" + s.LastEventAt).ToListAsync());
        stalled.ShouldBe(ids.Count, string.Join("; ", debug));
    }
}
