using GraphQL.Types;

namespace CustomerTimeline.Api.Journey;

public sealed class JourneyStageGraphType : ObjectGraphType<StageView>
{
    public JourneyStageGraphType()
    {
        Name = "JourneyStage";
        Description = "A stage of the global journey map, in map order.";
        Field<NonNullGraphType<StringGraphType>>("key").Resolve(ctx => ctx.Source.Stage.Key);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(ctx => ctx.Source.Stage.Name);
        Field<StringGraphType>("description").Resolve(ctx => ctx.Source.Stage.Description);
        Field<NonNullGraphType<IntGraphType>>("order").Description("0 for the first stage.").Resolve(ctx => ctx.Source.Order);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<JourneyTouchpointGraphType>>>>("touchpoints")
            .Resolve(ctx => ctx.Source.Map.Definition.Touchpoints.Where(t => t.Stage == ctx.Source.Stage.Key).Select(t => new TouchpointView(ctx.Source.Map, t)));
        Field<NonNullGraphType<JourneyStatsGraphType>>("stats")
            .StatsFilterArgument()
            .ResolveAsync(async ctx => (await ctx.StatsAsync(ctx.Source.Map)).Stages.GetValueOrDefault(ctx.Source.Stage.Key, JourneyStats.Empty));
    }
}
