using CustomerTimeline.Api.Insights;

namespace CustomerTimeline.Api.Journey;

/// <summary>The summaries whose experience score falls in a band, by the configured band limits.</summary>
public static class ScoreBandQueries
{
    public static IQueryable<CustomerSummary> InBand(this IQueryable<CustomerSummary> summaries, ScoreBand band, ExperienceOptions experience)
    {
        ArgumentNullException.ThrowIfNull(experience);
        return band switch
        {
            ScoreBand.Low => summaries.Where(s => s.ExperienceScore < experience.LowBandBelow),
            ScoreBand.Medium => summaries.Where(s => s.ExperienceScore >= experience.LowBandBelow && s.ExperienceScore < experience.HighBandFrom),
            _ => summaries.Where(s => s.ExperienceScore >= experience.HighBandFrom),
        };
    }
}
