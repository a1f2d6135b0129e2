using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Api.Journey;
using CustomerTimeline.Api.Security;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Api.Timeline;
using GraphQL;
using GraphQL.Types;

namespace CustomerTimeline.Api.Customers;

public sealed class CustomerGraphType : ObjectGraphType<Customer>
{
    public CustomerGraphType()
    {
        Name = "Customer";
        Description = "One person, unified across the CRM, the helpdesk, web analytics and surveys.";
        Interface<NodeInterface>();
        IsTypeOf = o => o is Customer;

        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => GlobalId.Encode(GlobalId.CustomerType, ctx.Source.Id));
        Field(c => c.DisplayName).Pii(PiiKind.Name);
        Field(c => c.PrimaryEmail, nullable: true).Pii(PiiKind.Email);
        Field(c => c.Phone, nullable: true).Description("E.164 phone number.").Pii(PiiKind.Phone);
        Field(c => c.Company, nullable: true);
        Field(c => c.CreatedAt);
        Field(c => c.UpdatedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CustomerIdentityGraphType>>>>("identities")
            .Description("Every key that resolves to this customer.")
            .Resolve(ctx => ctx.RequestServices!.GetRequiredService<IdentitiesByCustomerLoader>().Load(ctx.Source.Id));
        Field(c => c.IsAnonymous).Description("Known only by a web analytics visitor id so far.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MergeRecordGraphType>>>>("mergeHistory")
            .Description("Customers merged into this one, newest first, each with the record and keys that linked them.")
            .Resolve(ctx => ctx.RequestServices!.GetRequiredService<MergeHistoryByCustomerLoader>().Load(ctx.Source.Id));

        Field<NonNullGraphType<TimelineEventConnectionGraphType>>("timeline")
            .Description("Every event about this customer from every source, newest first. Ties on time are ordered by id, so paging is stable.")
            .Argument<IntGraphType>("first", "Page size forward, 0-100 (default 20).")
            .Argument<StringGraphType>("after", "Cursor of the edge to continue after.")
            .Argument<IntGraphType>("last", "Page size backward, 0-100.")
            .Argument<StringGraphType>("before", "Cursor of the edge to continue before.")
            .Argument<TimelineFilterInputGraphType>("filter", "Restrict the events returned.")
            .Resolve(ctx => ctx.RequestServices!.GetRequiredService<TimelinePageLoader>().Load(
                ctx.Source.Id, PageArguments.From(ctx), TimelineFilter.Validate(ctx.GetArgument<TimelineFilter?>("filter"),
                    ctx.RequestServices!.GetRequiredService<JourneyMapStore>().Current.StageOrder)));

        this.AddInsightsFields();
    }
}
