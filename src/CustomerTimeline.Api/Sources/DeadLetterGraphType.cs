using CustomerTimeline.Api.Security;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;
using GraphQL.Types;

namespace CustomerTimeline.Api.Sources;

public sealed class DeadLetterGraphType : ObjectGraphType<DeadLetter>
{
    public const string IdType = "DeadLetter";

    public DeadLetterGraphType()
    {
        Name = "DeadLetter";
        Description = "A source record that could not be stored, kept with its raw payload until a retry stores it.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => GlobalId.Encode(IdType, ctx.Source.Id));
        Field(d => d.Source, type: typeof(NonNullGraphType<EnumerationGraphType<EventSource>>));
        Field(d => d.Stream);
        Field(d => d.RecordId).Description("The record's id in its source.");
        Field(d => d.Reason).Description("Why it could not be stored.");
        Field(d => d.Payload).Description("The raw record as the source sent it (a Zendesk comment with its ticket's ticket_id added, which a retry reads it again with). Contains personal data: masked without Customer.Pii.Read.").Pii(PiiKind.FreeText);
        Field(d => d.FirstSeenAt);
        Field(d => d.LastSeenAt);
        Field(d => d.Attempts).Description("Times it failed: each sync that met it again and each failed retry.");
        Field(d => d.Resolved).Description("A later sync or a retry stored it.");
        Field(d => d.ResolvedAt, nullable: true);
    }
}
