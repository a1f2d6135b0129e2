using System.Diagnostics;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Generator;

namespace CustomerTimeline.Tests.Generator;

public class GeneratorScaleTests
{
    [Theory]
    [InlineData(10, 1)]
    [InlineData(2_000, 20)]
    [InlineData(50_000, 500)]
    public void Event_and_customer_counts_follow_the_target(int target, int customers)
    {
        var data = new DataGenerator(new GeneratorOptions { TargetEvents = target }).Generate().ToList();

        data.Count.ShouldBe(customers);
        data.Select(c => c.Customer.Id).ShouldBe(Enumerable.Range(1, customers).Select(i => (long)i));
        data.Sum(c => c.Events.Count).ShouldBeInRange((int)(target * 0.9), (int)Math.Ceiling(target * 1.1));
    }

    [Theory]
    [InlineData(42)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1234)]
    public void Ten_events_still_make_a_customer_with_several_kinds(int seed)
    {
        var data = new DataGenerator(new GeneratorOptions { Seed = seed, TargetEvents = 10 }).Generate().ToList();

        data.Sum(c => c.Events.Count).ShouldBe(10);
        data.Max(c => c.Events.Select(e => e.Kind).Distinct().Count()).ShouldBeGreaterThanOrEqualTo(4);
        data.Max(c => c.Events.Select(e => e.Source).Distinct().Count()).ShouldBe(4);
    }

    [Fact]
    public void Two_thousand_events_cover_every_source_and_kind()
    {
        var events = new DataGenerator(new GeneratorOptions { TargetEvents = 2_000 }).Generate().SelectMany(c => c.Events).ToList();

        events.Select(e => e.Source).Distinct().Order().ShouldBe(Enum.GetValues<EventSource>());
        events.Select(e => e.Kind).Distinct().Order().ShouldBe(Enum.GetValues<EventKind>());
    }

    [Fact]
    public void The_mix_of_kinds_is_roughly_as_specified()
    {
        var events = new DataGenerator(new GeneratorOptions { TargetEvents = 50_000 }).Generate().SelectMany(c => c.Events).ToList();
        double Share(params EventKind[] kinds) => events.Count(e => kinds.Contains(e.Kind)) / (double)events.Count;

        Share(EventKind.ContactChange, EventKind.CrmActivity).ShouldBeInRange(0.20, 0.30);
        Share(EventKind.Ticket, EventKind.TicketMessage).ShouldBeInRange(0.25, 0.35);
        Share(EventKind.WebVisit).ShouldBeInRange(0.30, 0.40);
        Share(EventKind.SurveyAnswer).ShouldBeInRange(0.06, 0.14);
    }

    [Fact]
    public void Event_counts_vary_between_customers()
    {
        var counts = Datasets.Medium.Select(c => c.Events.Count).Order().ToList();
        var median = counts[counts.Count / 2];

        counts[^1].ShouldBeGreaterThan(median * 4, "a few heavy customers");
        median.ShouldBeLessThan(100, "most customers are light");
    }

    [Theory]
    [InlineData(1_000, 50)]
    [InlineData(10, 100)]
    [InlineData(1, 1)]
    public void An_explicit_customer_count_is_honoured(int target, int customers)
    {
        var data = new DataGenerator(new GeneratorOptions { TargetEvents = target, Customers = customers }).Generate().ToList();

        data.Count.ShouldBe(customers);
        data.Sum(c => c.Events.Count).ShouldBe(target);
    }

    [Fact]
    public void Customers_are_streamed_not_built_up_front()
    {
        var clock = Stopwatch.StartNew();
        var first = new DataGenerator(new GeneratorOptions { TargetEvents = 10_000_000 }).Generate().Take(20).ToList();

        first.Count.ShouldBe(20);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(50_000_001)]
    public void Target_events_out_of_range_is_rejected(int target)
    {
        var ex = Should.Throw<ArgumentOutOfRangeException>(() => new GeneratorOptions { TargetEvents = target });
        ex.ParamName.ShouldBe(nameof(GeneratorOptions.TargetEvents));
        ex.Message.ShouldContain("between 1 and");
    }

    [Fact]
    public void Customers_out_of_range_is_rejected() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new GeneratorOptions { Customers = 0 });

    [Fact]
    public void Defaults_are_fixed_and_independent_of_the_clock()
    {
        var options = new GeneratorOptions();
        options.Seed.ShouldBe(42);
        options.TargetEvents.ShouldBe(20_000);
        options.Now.ShouldBe(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        options.CustomerCount.ShouldBe(200);
    }
}
