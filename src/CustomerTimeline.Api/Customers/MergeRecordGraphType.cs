using System.Globalization;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;
using GraphQL.Types;

namespace CustomerTimeline.Api.Customers;

public sealed class MergeRecordGraphType : ObjectGraphType<MergeRecord>
{
    public MergeRecordGraphType()
    {
        Name = "MergeRecord";
        Description = "Another customer folded into this one, and why: one source record carried a key of each. Key values are masked.";
        Field<NonNullGraphType<IdGraphType>>("mergedCustomerId")
            .Description("The id the merged customer had; it now resolves to this customer's data only through its keys.")
            .Resolve(ctx => GlobalId.Encode(GlobalId.CustomerType, ctx.Source.MergedCustomerId));
        Field(m => m.MatchedKeyKind, type: typeof(NonNullGraphType<EnumerationGraphType<IdentityKind>>))
            .Description("The kind of the merged customer's key that the record carried.");
        Field(m => m.MatchedKeyMasked).Description("That key, masked.");
        Field(m => m.SurvivorKeyKind, type: typeof(NonNullGraphType<EnumerationGraphType<IdentityKind>>))
            .Description("The kind of this customer's key that the same record carried.");
        Field(m => m.SurvivorKeyMasked).Description("That key, masked.");
        Field(m => m.Source, type: typeof(NonNullGraphType<EnumerationGraphType<EventSource>>))
            .Description("The source of the record that linked them.");
        Field(m => m.RecordId).Description("The id of that record in its source.");
        Field(m => m.MergedAt);
        Field<NonNullGraphType<StringGraphType>>("explanation")
            .Description("The merge in one sentence.")
            .Resolve(ctx => string.Create(CultureInfo.InvariantCulture,
                $"{ctx.Source.Source} record '{ctx.Source.RecordId}' carried this customer's {ctx.Source.SurvivorKeyKind} " +
                $"({ctx.Source.SurvivorKeyMasked}) and the merged customer's {ctx.Source.MatchedKeyKind} ({ctx.Source.MatchedKeyMasked})."));
    }
}
