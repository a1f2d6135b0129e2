using CustomerTimeline.Api.Journey;

namespace CustomerTimeline.Api.Insights;

/// <summary>A customer's experience score as GraphQL resolves it.</summary>
public sealed record ExperienceView(CustomerSummary Summary, ExperienceResult Result, ScoreBand Band, TrendDirection Direction)
{
    /// <summary>The stored computation of a summary, with its band and trend direction under these options.</summary>
    public static ExperienceView From(CustomerSummary summary, ExperienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(options);
        var result = summary.Experience();
        var direction = result.Change >= options.TrendThreshold && result.Change > 0 ? TrendDirection.Up
            : result.Change <= -options.TrendThreshold && result.Change < 0 ? TrendDirection.Down : TrendDirection.Flat;
        return new ExperienceView(summary, result, new ExperienceScorer(options).Band(result.Score), direction);
    }

    /// <summary>Every driver, or the <paramref name="top"/> ones that lost the most points first.</summary>
    public IEnumerable<ExperienceDriver> Drivers(int? top) => top is { } n
        ? Result.Drivers.OrderByDescending(d => d.MaxPoints - d.Contribution).ThenBy(d => d.Key, StringComparer.Ordinal).Take(Math.Max(0, n))
        : Result.Drivers;
}
