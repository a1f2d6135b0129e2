using CustomerTimeline.Api.Data;
using GraphQL.Types;

namespace CustomerTimeline.Api.Timeline;

public sealed class ContactChangeEventGraphType : ObjectGraphType<TimelineEvent>
{
    public ContactChangeEventGraphType()
    {
        Name = "ContactChangeEvent";
        Description = "A change to the customer's CRM contact record.";
        TimelineEventFields.Implement(this, EventKind.ContactChange);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("changedFields")
            .Resolve(ctx => ctx.Source.DetailsAs<ContactChangeDetails>().ChangedFields);
        Field<StringGraphType>("jobTitle").Resolve(ctx => ctx.Source.DetailsAs<ContactChangeDetails>().JobTitle);
        Field<StringGraphType>("lifecycleStage").Resolve(ctx => ctx.Source.DetailsAs<ContactChangeDetails>().LifecycleStage);
    }
}
