using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Security;
using CustomerTimeline.Api.Relay;
using GraphQL;
using GraphQL.Types;

namespace CustomerTimeline.Api.Timeline;

/// <summary>The fields every timeline event has; the interface and each concrete type declare them alike.</summary>
internal static class TimelineEventFields
{
    private const string IntentsDescription = "Intents found in the text: cancel, refund, repeated-problem, complaint, urgent, purchase, praise.";

    public static void AddInterfaceFields(InterfaceGraphType<TimelineEvent> type)
    {
        type.Field<NonNullGraphType<IdGraphType>>("id");
        AddDataFields(type);
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("intents").Description(IntentsDescription);
        type.Field<NonNullGraphType<CustomerGraphType>>("customer");
    }

    private static void AddDataFields(ComplexGraphType<TimelineEvent> type)
    {
        type.Field(e => e.Source, type: typeof(NonNullGraphType<EnumerationGraphType<EventSource>>));
        type.Field(e => e.SourceRecordId).Description("The record's id in its source system.");
        type.Field(e => e.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<EventKind>>));
        type.Field(e => e.OccurredAt).Description("When it happened, in UTC.");
        type.Field(e => e.Channel, type: typeof(NonNullGraphType<EnumerationGraphType<Channel>>));
        type.Field(e => e.Title);
        type.Field(e => e.Summary, nullable: true).Pii(PiiKind.EventSummary);
        type.Field(e => e.Sentiment, nullable: true).Description("-1 (negative) to 1 (positive); null when nothing could be judged.");
        type.Field(e => e.Urgent).Description("The text asks for priority handling (cancel, refund, repeated problem, complaint, urgency).");
        type.Field(e => e.StageKey, nullable: true).Description("Journey stage this event belongs to.");
        type.Field(e => e.TouchpointKey, nullable: true).Description("Journey touchpoint this event belongs to.");
    }

    public static void Implement(ObjectGraphType<TimelineEvent> type, EventKind kind)
    {
        type.Interface<NodeInterface>();
        type.Interface<TimelineEventInterface>();
        type.IsTypeOf = o => o is TimelineEvent e && e.Kind == kind;
        type.Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => GlobalId.Encode(GlobalId.EventType, ctx.Source.Id));
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("intents").Description(IntentsDescription)
            .Resolve(ctx => (ctx.Source.Intents ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries));
        AddDataFields(type);
        type.Field<NonNullGraphType<CustomerGraphType>>("customer")
            .Resolve(ctx => ctx.RequestServices!.GetRequiredService<CustomerByIdLoader>().Load(ctx.Source.CustomerId));
    }
}
