using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;
using GraphQL.Types;

namespace CustomerTimeline.Api.Privacy;

public sealed class PrivacyRequestGraphType : ObjectGraphType<PrivacyRequest>
{
    public const string IdType = "PrivacyRequest";

    public PrivacyRequestGraphType()
    {
        Name = "PrivacyRequest";
        Description = "An export or erasure asked for one customer, and how it ended.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => GlobalId.Encode(IdType, ctx.Source.Id));
        Field(r => r.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<PrivacyRequestKind>>));
        Field(r => r.Status, type: typeof(NonNullGraphType<EnumerationGraphType<PrivacyRequestStatus>>));
        Field<NonNullGraphType<IdGraphType>>("customerId")
            .Description("Global id of the customer; after an erasure it no longer resolves.")
            .Resolve(ctx => GlobalId.Encode(GlobalId.CustomerType, ctx.Source.CustomerId));
        Field(r => r.RequestedAt);
        Field(r => r.CompletedAt, nullable: true);
        Field(r => r.RequestedByTenantId, nullable: true).Description("Entra ID tenant of the caller who asked.");
        Field(r => r.RequestedByObjectId, nullable: true).Description("Entra ID object id of the caller who asked.");
    }
}
