using CustomerTimeline.Api.Data;
using GraphQL.Types;

namespace CustomerTimeline.Api.Journey;

public sealed class JourneyTouchpointGraphType : ObjectGraphType<TouchpointView>
{
    public JourneyTouchpointGraphType()
    {
        Name = "JourneyTouchpoint";
        Description = "A point of contact within a stage (website, phone, survey...) and how critical it is to the journey.";
        Field<NonNullGraphType<StringGraphType>>("key").Resolve(ctx => ctx.Source.Touchpoint.Key);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(ctx => ctx.Source.Touchpoint.Name);
        Field<StringGraphType>("description").Resolve(ctx => ctx.Source.Touchpoint.Description);
        Field<NonNullGraphType<StringGraphType>>("stageKey").Resolve(ctx => ctx.Source.Touchpoint.Stage);
        Field<NonNullGraphType<EnumerationGraphType<Channel>>>("channel").Resolve(ctx => ctx.Source.Touchpoint.Channel);
        Field<NonNullGraphType<EnumerationGraphType<Criticality>>>("criticality").Resolve(ctx => ctx.Source.Touchpoint.Criticality);
        Field<NonNullGraphType<JourneyStatsGraphType>>("stats")
            .StatsFilterArgument()
            .ResolveAsync(async ctx => (await ctx.StatsAsync(ctx.Source.Map)).Touchpoints.GetValueOrDefault(ctx.Source.Touchpoint.Key, JourneyStats.Empty));
    }
}
