using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Timeline;

public sealed class EventByIdLoader
{
    private readonly BatchLoader<long, TimelineEvent?> _loader;

    public EventByIdLoader(TimelineDbContext db)
    {
        _loader = new BatchLoader<long, TimelineEvent?>(async (ids, ct) =>
            await db.Events.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => (TimelineEvent?)e, ct),
            missing: null);
    }

    public IDataLoaderResult<TimelineEvent?> Load(long id) => _loader.Load(id);
}
