using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Timeline;
using GraphQL;
using GraphQL.DataLoader;

namespace CustomerTimeline.Api.Insights;

internal static class EventLists
{
    /// <summary>Events by id through the request's batch loader (one query for the whole level), in the order given.</summary>
    public static IDataLoaderResult<IReadOnlyList<TimelineEvent>> Load(IResolveFieldContext ctx, IEnumerable<long> ids)
    {
        var loader = ctx.RequestServices!.GetRequiredService<EventByIdLoader>();
        return DataLoaderResults.All(ids.Select(loader.Load).ToList())
            .Then(events => (IReadOnlyList<TimelineEvent>)events.Where(e => e is not null).Select(e => e!).ToList());
    }
}
