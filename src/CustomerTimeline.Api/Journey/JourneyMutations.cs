using CustomerTimeline.Api.Data;
using GraphQL;
using GraphQL.Types;

namespace CustomerTimeline.Api.Journey;

public static class JourneyMutations
{
    public static void AddJourneyMutations(this ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation.Field<NonNullGraphType<UpdateJourneyMapPayloadGraphType>>("updateJourneyMap")
            .Description("Replaces the global journey map (JSON in the journey-map.json format, as journeyMap.json returns it). A valid, different map becomes a new active version and every customer is re-classified in the background; an invalid one is refused with errors naming the bad rule; the same map changes nothing.")
            .Argument<NonNullGraphType<StringGraphType>>("json", "The whole map as JSON.")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<JourneyMapStore>().UpdateAsync(
                ctx.RequestServices!.GetRequiredService<TimelineDbContext>(), ctx.GetArgument<string>("json"), ctx.CancellationToken));
    }
}
