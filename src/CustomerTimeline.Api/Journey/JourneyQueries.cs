using GraphQL.Types;

namespace CustomerTimeline.Api.Journey;

public static class JourneyQueries
{
    public static void AddJourneyQueries(this ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Field<NonNullGraphType<JourneyMapGraphType>>("journeyMap")
            .Description("The active global journey map with its stats.")
            .Resolve(ctx => ctx.RequestServices!.GetRequiredService<JourneyMapStore>().Current);
    }
}
