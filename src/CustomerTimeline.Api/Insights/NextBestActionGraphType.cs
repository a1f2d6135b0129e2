using CustomerTimeline.Api.Timeline;
using GraphQL.Types;

namespace CustomerTimeline.Api.Insights;

public sealed class NextBestActionGraphType : ObjectGraphType<CustomerSignal>
{
    public NextBestActionGraphType()
    {
        Name = "NextBestAction";
        Description = "What an agent should do next, from an open signal.";
        Field<NonNullGraphType<StringGraphType>>("kind").Description("Escalate, FollowUpTask, RouteToAgent, Nudge, SendSurvey...")
            .Resolve(ctx => ctx.Source.ActionKind);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(ctx => ctx.Source.ActionTitle);
        Field<NonNullGraphType<IntGraphType>>("priority").Description("1 = do first.").Resolve(ctx => ctx.Source.ActionPriority);
        Field<NonNullGraphType<StringGraphType>>("reason").Resolve(ctx => ctx.Source.Reason);
        Field<NonNullGraphType<StringGraphType>>("signal").Description("Kind of the signal behind it.").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TimelineEventInterface>>>>("events").Description("The events that triggered it.")
            .Resolve(ctx => EventLists.Load(ctx, ctx.Source.EventIdList()));
    }
}
