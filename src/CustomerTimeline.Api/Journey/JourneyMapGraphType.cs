using CustomerTimeline.Api.Data;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Journey;

public sealed class JourneyMapGraphType : ObjectGraphType<ActiveJourneyMap>
{
    public JourneyMapGraphType()
    {
        Name = "JourneyMap";
        Description = "The global journey map: stages in order, their touchpoints, the rules that classify events, and stats.";
        Field(m => m.Version).Description("Increases with every accepted change.");
        Field(m => m.CreatedAt);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(ctx => ctx.Source.Definition.Name);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<JourneyStageGraphType>>>>("stages")
            .Resolve(ctx => ctx.Source.Definition.Stages.Select((s, i) => new StageView(ctx.Source, s, i)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<JourneyTouchpointGraphType>>>>("touchpoints")
            .Resolve(ctx => ctx.Source.Definition.Touchpoints.Select(t => new TouchpointView(ctx.Source, t)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<JourneyRuleGraphType>>>>("rules").Resolve(ctx => ctx.Source.Definition.Rules);
        Field<NonNullGraphType<StringGraphType>>("json").Description("The whole map as JSON: edit it and pass it to updateJourneyMap.")
            .Resolve(ctx => ctx.Source.Definition.ToJson());
        Field<NonNullGraphType<IntGraphType>>("totalCustomers").Description("Customers the stats' shares divide by.")
            .StatsFilterArgument()
            .ResolveAsync(async ctx => (int)(await ctx.StatsAsync(ctx.Source)).TotalCustomers);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("statsComputedAt")
            .Description("When the stats read with this filter were computed. Stats that are expensive to compute are served from the last computation while the next one runs, so they can trail the newest data by that long.")
            .StatsFilterArgument()
            .ResolveAsync(async ctx => (await ctx.StatsAsync(ctx.Source)).ComputedAt);
        Field<JourneyReclassificationGraphType>("reclassification").Description("Progress of computing every customer with this version.")
            .ResolveAsync(async ctx =>
            {
                var db = ctx.RequestServices!.GetRequiredService<TimelineDbContext>();
                var version = ctx.Source.Version;
                return await db.JourneyReclassifications().FirstOrDefaultAsync(r => r.MapVersion == version, ctx.CancellationToken);
            });
    }
}
