using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Generator;

namespace CustomerTimeline.Tests.Generator;

public class PlantedPatternTests
{
    private static readonly DateTimeOffset Now = Datasets.MediumOptions.Now;

    private static List<GeneratedCustomer> With(PlantedPattern pattern) =>
        Datasets.Medium.Where(c => c.Patterns.Contains(pattern)).ToList();

    private static IEnumerable<(TimelineEvent Event, T Details)> Details<T>(GeneratedCustomer c, EventKind kind) where T : EventDetails =>
        c.Events.Where(e => e.Kind == kind).Select(e => (e, (T)EventDetails.FromJson(e.Details)));

    [Fact]
    public void The_first_five_customers_carry_one_pattern_each_and_a_fraction_of_the_rest_too()
    {
        Datasets.Medium.Take(5).Select(c => c.Patterns.Single()).ShouldBe(Enum.GetValues<PlantedPattern>());
        var share = Datasets.Medium.Count(c => c.Patterns.Count > 0) / (double)Datasets.Medium.Count;
        share.ShouldBeInRange(0.08, 0.30);
        foreach (var pattern in Enum.GetValues<PlantedPattern>()) With(pattern).Count.ShouldBeGreaterThan(1, pattern.ToString());
    }

    [Fact]
    public void Five_customers_are_enough_for_every_pattern()
    {
        var data = new DataGenerator(new GeneratorOptions { TargetEvents = 500 }).Generate().ToList();
        data.SelectMany(c => c.Patterns).Distinct().Order().ShouldBe(Enum.GetValues<PlantedPattern>());
    }

    [Fact]
    public void Repeated_problem_is_three_or_more_tickets_on_one_tag_within_a_week_then_a_bad_score()
    {
        foreach (var c in With(PlantedPattern.RepeatedProblem))
        {
            var tickets = Details<TicketDetails>(c, EventKind.Ticket).ToList();
            var burst = tickets
                .SelectMany(t => t.Details.Tags.Select(tag => (tag, t.Event.OccurredAt)))
                .GroupBy(x => x.tag)
                .Select(g => g.Select(x => x.OccurredAt).Order().ToList())
                .Where(times => Enumerable.Range(0, Math.Max(0, times.Count - 2)).Any(i => times[i + 2] - times[i] <= TimeSpan.FromDays(7)))
                .ToList();
            burst.ShouldNotBeEmpty($"customer {c.Customer.Id} has no burst of tickets");

            var complaints = Details<TicketMessageDetails>(c, EventKind.TicketMessage)
                .Where(m => m.Details.Author == "customer")
                .Select(m => m.Details.Body);
            complaints.ShouldContain(b => b.Contains("still not working", StringComparison.OrdinalIgnoreCase)
                || b.Contains("toujours en panne", StringComparison.OrdinalIgnoreCase)
                || b.Contains("again", StringComparison.OrdinalIgnoreCase)
                || b.Contains("encore", StringComparison.OrdinalIgnoreCase));

            var firstOfBurst = burst[0][0];
            Details<SurveyAnswerDetails>(c, EventKind.SurveyAnswer)
                .ShouldContain(s => s.Event.OccurredAt > firstOfBurst && s.Details.SurveyType == "NPS" && s.Details.Score <= 6);
        }
    }

    [Fact]
    public void Promoter_gave_a_recent_nine_or_ten_with_a_kind_word()
    {
        foreach (var c in With(PlantedPattern.Promoter))
        {
            Details<SurveyAnswerDetails>(c, EventKind.SurveyAnswer).ShouldContain(s =>
                s.Details.SurveyType == "NPS" && s.Details.Score >= 9 && s.Details.Comment != null
                && s.Event.OccurredAt > Now.AddDays(-30) && s.Event.Sentiment > 0);
        }
    }

    [Fact]
    public void Detractor_gave_six_or_less_with_a_complaint()
    {
        foreach (var c in With(PlantedPattern.Detractor))
        {
            Details<SurveyAnswerDetails>(c, EventKind.SurveyAnswer).ShouldContain(s =>
                s.Details.SurveyType == "NPS" && s.Details.Score <= 6 && s.Details.Comment != null && s.Event.Sentiment < 0);
        }
    }

    [Fact]
    public void Anonymous_visits_come_first_then_the_same_visitor_is_identified()
    {
        foreach (var c in With(PlantedPattern.AnonymousThenIdentified))
        {
            var visits = Details<WebVisitDetails>(c, EventKind.WebVisit).ToList();
            var firstIdentified = visits.FindIndex(v => v.Details.UserId != null);

            firstIdentified.ShouldBeGreaterThanOrEqualTo(3, "several anonymous visits before signing up");
            visits.Take(firstIdentified).ShouldAllBe(v => v.Details.UserId == null);
            visits.Skip(firstIdentified).ShouldAllBe(v => v.Details.UserId == c.Customer.PrimaryEmail);
            visits.Select(v => v.Details.VisitorId).Distinct().Count().ShouldBe(1);
            visits[firstIdentified].Details.Goals.ShouldContain("signup");
        }
    }

    [Fact]
    public void Stuck_customer_compared_prices_had_a_demo_and_went_quiet_for_sixty_days()
    {
        foreach (var c in With(PlantedPattern.StuckInStage))
        {
            c.Events[^1].OccurredAt.ShouldBeLessThan(Now.AddDays(-60));
            c.Events.ShouldNotContain(e => e.Kind == EventKind.Ticket || e.Kind == EventKind.SurveyAnswer);
            c.Events.ShouldContain(e => e.Channel == Channel.Meeting);
            Details<WebVisitDetails>(c, EventKind.WebVisit)
                .ShouldContain(v => v.Details.Pages.Any(p => p.Url.EndsWith("/pricing", StringComparison.Ordinal)));
            Details<WebVisitDetails>(c, EventKind.WebVisit)
                .ShouldNotContain(v => v.Details.Pages.Any(p => p.Url.EndsWith("/checkout", StringComparison.Ordinal)));
        }
    }
}
