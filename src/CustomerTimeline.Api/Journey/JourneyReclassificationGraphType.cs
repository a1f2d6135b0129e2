using GraphQL.Types;

namespace CustomerTimeline.Api.Journey;

public sealed class JourneyReclassificationGraphType : ObjectGraphType<JourneyReclassification>
{
    public JourneyReclassificationGraphType()
    {
        Name = "JourneyReclassification";
        Description = "Progress of the background re-classification of every customer against a map version.";
        Field(r => r.MapVersion);
        Field<NonNullGraphType<IntGraphType>>("processedCustomers").Resolve(ctx => (int)ctx.Source.ProcessedCustomers);
        Field(r => r.StartedAt);
        Field(r => r.UpdatedAt);
        Field(r => r.CompletedAt, nullable: true).Description("Null while customers remain.");
    }
}
