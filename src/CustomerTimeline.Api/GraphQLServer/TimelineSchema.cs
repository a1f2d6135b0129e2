using CustomerTimeline.Api.Timeline;
using GraphQL.Types;

namespace CustomerTimeline.Api.GraphQLServer;

public sealed class TimelineSchema : Schema
{
    public TimelineSchema(IServiceProvider services, QueryGraphType query, MutationGraphType mutation) : base(services)
    {
        Description = "CustomerTimeline: one timeline and journey per customer, merged from CRM, helpdesk, web analytics and surveys.";
        Query = query;
        Mutation = mutation;
        // Concrete event types are reached only through the TimelineEvent interface.
        RegisterType(typeof(ContactChangeEventGraphType));
        RegisterType(typeof(CrmActivityEventGraphType));
        RegisterType(typeof(TicketEventGraphType));
        RegisterType(typeof(TicketMessageEventGraphType));
        RegisterType(typeof(WebVisitEventGraphType));
        RegisterType(typeof(SurveyAnswerEventGraphType));
    }
}
