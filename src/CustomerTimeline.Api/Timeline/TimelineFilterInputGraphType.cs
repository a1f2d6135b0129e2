using CustomerTimeline.Api.Data;
using GraphQL.Types;

namespace CustomerTimeline.Api.Timeline;

public sealed class TimelineFilterInputGraphType : InputObjectGraphType<TimelineFilter>
{
    public TimelineFilterInputGraphType()
    {
        Name = "TimelineFilter";
        Description = "Restricts a timeline. Lists combine with OR inside, conditions with AND between them.";
        Field<ListGraphType<NonNullGraphType<EnumerationGraphType<EventSource>>>>("sources");
        Field<ListGraphType<NonNullGraphType<EnumerationGraphType<EventKind>>>>("kinds");
        Field<ListGraphType<NonNullGraphType<EnumerationGraphType<Channel>>>>("channels");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("stages").Description("Journey stage keys the events were classified in: keys of journeyMap.stages (another key is refused).");
        Field<DateTimeOffsetGraphType>("from").Description("Events at or after this instant (ISO-8601; without an offset, UTC).");
        Field<DateTimeOffsetGraphType>("to").Description("Events strictly before this instant (ISO-8601; without an offset, UTC).");
    }
}
