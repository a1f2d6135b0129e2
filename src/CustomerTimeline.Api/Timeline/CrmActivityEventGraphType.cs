using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Security;
using GraphQL.Types;

namespace CustomerTimeline.Api.Timeline;

public sealed class CrmActivityEventGraphType : ObjectGraphType<TimelineEvent>
{
    public CrmActivityEventGraphType()
    {
        Name = "CrmActivityEvent";
        Description = "A CRM activity: email, phone call, appointment, task or note.";
        TimelineEventFields.Implement(this, EventKind.CrmActivity);
        Field<NonNullGraphType<StringGraphType>>("activityType").Description("email, phonecall, appointment, task or note.")
            .Resolve(ctx => ctx.Source.DetailsAs<CrmActivityDetails>().ActivityType);
        Field<NonNullGraphType<StringGraphType>>("subject").Resolve(ctx => ctx.Source.DetailsAs<CrmActivityDetails>().Subject);
        Field<StringGraphType>("direction").Description("Incoming or Outgoing, for emails and calls.")
            .Resolve(ctx => ctx.Source.DetailsAs<CrmActivityDetails>().Direction);
        Field<StringGraphType>("body").Resolve(ctx => ctx.Source.DetailsAs<CrmActivityDetails>().Body).Pii(PiiKind.FreeText);
        Field<IntGraphType>("durationMinutes").Resolve(ctx => ctx.Source.DetailsAs<CrmActivityDetails>().DurationMinutes);
        Field<StringGraphType>("owner").Resolve(ctx => ctx.Source.DetailsAs<CrmActivityDetails>().Owner);
    }
}
