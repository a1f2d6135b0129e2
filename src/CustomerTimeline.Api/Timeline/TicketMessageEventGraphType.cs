using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Security;
using GraphQL.Types;

namespace CustomerTimeline.Api.Timeline;

public sealed class TicketMessageEventGraphType : ObjectGraphType<TimelineEvent>
{
    public TicketMessageEventGraphType()
    {
        Name = "TicketMessageEvent";
        Description = "A message (comment) on a support ticket.";
        TimelineEventFields.Implement(this, EventKind.TicketMessage);
        Field<NonNullGraphType<StringGraphType>>("ticketId").Description("The ticket's id in the helpdesk.")
            .Resolve(ctx => ctx.Source.DetailsAs<TicketMessageDetails>().TicketId);
        Field<NonNullGraphType<StringGraphType>>("author").Description("customer or agent.")
            .Resolve(ctx => ctx.Source.DetailsAs<TicketMessageDetails>().Author);
        Field<NonNullGraphType<BooleanGraphType>>("isPublic").Resolve(ctx => ctx.Source.DetailsAs<TicketMessageDetails>().IsPublic);
        Field<NonNullGraphType<StringGraphType>>("body").Resolve(ctx => ctx.Source.DetailsAs<TicketMessageDetails>().Body).Pii(PiiKind.FreeText);
        Field<NonNullGraphType<StringGraphType>>("via").Description("web, email, chat, phone or api.")
            .Resolve(ctx => ctx.Source.DetailsAs<TicketMessageDetails>().Via);
    }
}
