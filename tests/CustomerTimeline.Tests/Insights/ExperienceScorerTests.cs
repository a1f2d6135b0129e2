using CustomerTimeline.Api.Analysis;
using CustomerTimeline.Api.Generator;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Tests.Generator;

namespace CustomerTimeline.Tests.Insights;

public sealed class ExperienceScorerTests
{
    [Fact]
    public void Each_history_point_is_the_score_the_full_explained_computation_gives_at_that_time()
    {
        // The past points are computed without drivers or explanations; they must still be the very same scores.
        var options = new ExperienceOptions();
        var scorer = new ExperienceScorer(options);
        var enricher = new EventTextEnricher(new LexiconTextAnalyzer(), options.SurveyCommentWeight);
        var now = Datasets.MediumOptions.Now;
        var points = 0;
        foreach (var customer in Datasets.Medium.Take(60))
        {
            var events = customer.Events.Select(Datasets.Copy).OrderBy(e => e.OccurredAt).ToList();
            enricher.Enrich(events);

            var result = scorer.Score(events, now);

            result.History[^1].Score.ShouldBe(result.Score);
            result.Drivers.Sum(d => d.Contribution).ShouldBe(result.Score, 0.011);
            foreach (var point in result.History.SkipLast(1))
            {
                scorer.Score(events, point.At).Score.ShouldBe(point.Score, $"customer {customer.Customer.Id} at {point.At:O}");
                points++;
            }
        }
        points.ShouldBeGreaterThan(100);
    }
}
