using GraphQL.Types;

namespace CustomerTimeline.Api.Privacy;

public sealed class CustomerExportGraphType : ObjectGraphType<CustomerExport>
{
    public CustomerExportGraphType()
    {
        Name = "CustomerExport";
        Description = "A customer's data export.";
        Field<NonNullGraphType<PrivacyRequestGraphType>>("request").Resolve(ctx => ctx.Source.Request);
        Field(e => e.Document).Description(
            "The export as JSON text: {format: \"customer-timeline-export/1\", exportedAt, customerId, sections: {profile, identities, timeline, ...}}.");
    }
}
