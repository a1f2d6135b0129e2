using System.Globalization;
using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.GraphQLServer;

namespace CustomerTimeline.Api.Journey;

/// <summary>
/// Restricts global journey stats. From/To select the customers who first reached a stage (or touchpoint) in that
/// window; Company and ScoreBand restrict the customers counted, including the total that shares divide by.
/// </summary>
public sealed class JourneyStatsFilter
{
    public static readonly JourneyStatsFilter None = new();

    public DateTimeOffset? From { get; set; }
    public DateTimeOffset? To { get; set; }
    public string? Company { get; set; }
    public ScoreBand? ScoreBand { get; set; }

    public bool HasSegment => Company is not null || ScoreBand is not null;

    public static JourneyStatsFilter Validate(JourneyStatsFilter? filter)
    {
        if (filter is null) return None;
        if (filter.From is { } from && filter.To is { } to && from >= to)
            throw new UserInputError("'filter.from' must be earlier than 'filter.to'.");
        if (filter.Company is { Length: > 200 })
            throw new UserInputError("'filter.company' must be at most 200 characters.");
        // Matched like search matches it (ignoring case, accents and surrounding spaces): one cache entry per company.
        if (filter.Company is { } company)
            filter.Company = CustomerSearch.Fold(company) is { Length: > 0 } folded ? folded : null;
        return filter;
    }

    public string Key => string.Join('|',
        From?.UtcTicks.ToString(CultureInfo.InvariantCulture),
        To?.UtcTicks.ToString(CultureInfo.InvariantCulture),
        Company,
        ScoreBand?.ToString());
}
