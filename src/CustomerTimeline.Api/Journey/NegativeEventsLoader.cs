using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Insights;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Journey;

/// <summary>A customer's negative events (friction points), newest first, one query per level.</summary>
public sealed class NegativeEventsLoader
{
    private const int MaxPerCustomer = 100;
    private readonly BatchLoader<long, IReadOnlyList<TimelineEvent>> _loader;

    public NegativeEventsLoader(TimelineDbContext db, IOptions<ExperienceOptions> options)
    {
        var below = options.Value.NegativeSentimentBelow;
        _loader = new BatchLoader<long, IReadOnlyList<TimelineEvent>>(async (ids, ct) =>
        {
            var rows = await db.Events.Where(e => ids.Contains(e.CustomerId) && e.Sentiment < below).ToListAsync(ct);
            return rows.GroupBy(e => e.CustomerId).ToDictionary(g => g.Key,
                g => (IReadOnlyList<TimelineEvent>)g.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(MaxPerCustomer).ToList());
        }, missing: []);
    }

    public IDataLoaderResult<IReadOnlyList<TimelineEvent>> Load(long customerId) => _loader.Load(customerId);
}
