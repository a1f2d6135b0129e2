using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;
using GraphQL.Types;

namespace CustomerTimeline.Api.Privacy;

public sealed class AuditEntryGraphType : ObjectGraphType<AuditEntry>
{
    public AuditEntryGraphType()
    {
        Name = "AuditEntry";
        Description = "Who read personal data unmasked, exported or erased a customer, when, and how it ended. Holds identifiers only.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => GlobalId.Encode(PrivacyQueries.AuditEntryIdType, ctx.Source.Id));
        Field(a => a.OccurredAt);
        Field(a => a.ActorTenantId, nullable: true).Description("Entra ID tenant of the caller.");
        Field(a => a.ActorObjectId, nullable: true).Description("Entra ID object id of the user or service principal.");
        Field(a => a.Operation, type: typeof(NonNullGraphType<EnumerationGraphType<AuditOperation>>));
        Field<IdGraphType>("customerId")
            .Resolve(ctx => ctx.Source.CustomerId is { } id ? GlobalId.Encode(GlobalId.CustomerType, id) : null);
        Field(a => a.Outcome, type: typeof(NonNullGraphType<EnumerationGraphType<AuditOutcome>>));
        Field<IdGraphType>("privacyRequestId")
            .Resolve(ctx => ctx.Source.PrivacyRequestId is { } id ? GlobalId.Encode(PrivacyRequestGraphType.IdType, id) : null);
    }
}
