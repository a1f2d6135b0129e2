using CustomerTimeline.Api.Timeline;
using GraphQL.Types;

namespace CustomerTimeline.Api.Insights;

public sealed class SignalGraphType : ObjectGraphType<CustomerSignal>
{
    public SignalGraphType()
    {
        Name = "Signal";
        Description = "Something an automation rule noticed about the customer (schema/automation-rules.json).";
        Field(s => s.Kind).Description("promoter, detractor, low-satisfaction, repeated-problem, urgent-intent, stall, survey-due...");
        Field(s => s.RuleId);
        Field<NonNullGraphType<EnumerationGraphType<SignalSeverity>>>("severity").Resolve(ctx => ctx.Source.Severity);
        Field(s => s.Reason);
        Field(s => s.RaisedAt).Description("When the rule first matched.");
        Field(s => s.TriggeredAt).Description("When the newest triggering event happened.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TimelineEventInterface>>>>("events").Description("The events that triggered it.")
            .Resolve(ctx => EventLists.Load(ctx, ctx.Source.EventIdList()));
    }
}
