using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Security;
using GraphQL.Types;

namespace CustomerTimeline.Api.Timeline;

public sealed class TicketEventGraphType : ObjectGraphType<TimelineEvent>
{
    public TicketEventGraphType()
    {
        Name = "TicketEvent";
        Description = "A support ticket, as last seen in the helpdesk.";
        TimelineEventFields.Implement(this, EventKind.Ticket);
        Field<NonNullGraphType<StringGraphType>>("subject").Resolve(ctx => ctx.Source.DetailsAs<TicketDetails>().Subject);
        Field<NonNullGraphType<StringGraphType>>("status").Description("new, open, pending, hold, solved or closed.")
            .Resolve(ctx => ctx.Source.DetailsAs<TicketDetails>().Status);
        Field<NonNullGraphType<StringGraphType>>("priority").Description("low, normal, high or urgent.")
            .Resolve(ctx => ctx.Source.DetailsAs<TicketDetails>().Priority);
        Field<StringGraphType>("ticketType").Description("question, incident, problem or task.")
            .Resolve(ctx => ctx.Source.DetailsAs<TicketDetails>().Type);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags")
            .Resolve(ctx => ctx.Source.DetailsAs<TicketDetails>().Tags);
        Field<StringGraphType>("description").Resolve(ctx => ctx.Source.DetailsAs<TicketDetails>().Description).Pii(PiiKind.FreeText);
        Field<DateTimeOffsetGraphType>("solvedAt").Resolve(ctx => ctx.Source.DetailsAs<TicketDetails>().SolvedAt);
    }
}
