using System.Globalization;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Api.Security;
using GraphQL.Types;

namespace CustomerTimeline.Api.Customers;

public sealed class MergeRecordGraphType : ObjectGraphType<MergeRecord>
{
    public MergeRecordGraphType()
    {
        Name = "MergeRecord";
        Description = "Another customer folded into this one, and why: one source record carried a key of each. Key values are masked.";
        Field<NonNullGraphType<IdGraphType>>("mergedCustomerId")
            .Description("The id the merged customer had; customer(id:) with it gives this customer.")
            .Resolve(ctx => GlobalId.Encode(GlobalId.CustomerType, ctx.Source.MergedCustomerId));
        Field(m => m.MatchedKeyKind, type: typeof(NonNullGraphType<EnumerationGraphType<IdentityKind>>))
            .Description("The kind of the merged customer's key that the record carried.");
        Field<NonNullGraphType<StringGraphType>>("matchedKeyMasked").Description("That key, masked.")
            .Resolve(ctx => Shown(ctx.Source.MatchedKeyKind, ctx.Source.MatchedKeyMasked));
        Field(m => m.SurvivorKeyKind, type: typeof(NonNullGraphType<EnumerationGraphType<IdentityKind>>))
            .Description("The kind of this customer's key that the same record carried.");
        Field<NonNullGraphType<StringGraphType>>("survivorKeyMasked").Description("That key, masked.")
            .Resolve(ctx => Shown(ctx.Source.SurvivorKeyKind, ctx.Source.SurvivorKeyMasked));
        Field(m => m.Source, type: typeof(NonNullGraphType<EnumerationGraphType<EventSource>>))
            .Description("The source of the record that linked them.");
        Field(m => m.RecordId).Description("The id of that record in its source.");
        Field(m => m.MergedAt);
        Field<NonNullGraphType<StringGraphType>>("explanation")
            .Description("The merge in one sentence.")
            .Resolve(ctx => string.Create(CultureInfo.InvariantCulture,
                $"{ctx.Source.Source} record '{ctx.Source.RecordId}' carried this customer's {ctx.Source.SurvivorKeyKind} " +
                $"({Shown(ctx.Source.SurvivorKeyKind, ctx.Source.SurvivorKeyMasked)}) and the merged customer's {ctx.Source.MatchedKeyKind} " +
                $"({Shown(ctx.Source.MatchedKeyKind, ctx.Source.MatchedKeyMasked)})."));
    }

    /// <summary>
    /// Merges stored before the masks were aligned kept an email's whole domain ("m***@groupe-stlaurent.ca"), which
    /// can name the person or their employer: shown with the domain masked too, as every masked email is.
    /// </summary>
    private static string Shown(IdentityKind kind, string masked) =>
        kind == IdentityKind.Email || (kind == IdentityKind.MatomoUserId && masked.Contains('@', StringComparison.Ordinal))
            ? PiiMask.Email(masked)
            : masked;
}
