using CustomerTimeline.Api.Relay;
using CustomerTimeline.Api.Security;
using GraphQL;
using GraphQL.Types;

namespace CustomerTimeline.Api.Privacy;

public static class PrivacyMutations
{
    /// <summary>Privacy operations: Privacy.Manage, on top of the Timeline.Write every mutation needs.</summary>
    public static void AddPrivacyMutations(this ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation.Field<NonNullGraphType<CustomerExportGraphType>>("exportCustomer")
            .Description("Exports everything stored about a customer as machine-readable JSON, and records the request and an audit row.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "Global id of the customer.")
            .RequirePermission(Access.PrivacyManage)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<CustomerExporter>().ExportAsync(
                GlobalId.Expect(ctx.GetArgument<string>("id"), GlobalId.CustomerType),
                RequestSecurity.Of(ctx).Caller, inline: AsksFor(ctx, "document"), ctx.CancellationToken));

        mutation.Field<NonNullGraphType<CustomerErasureGraphType>>("eraseCustomer")
            .Description("Deletes every row about a customer in one transaction and suppresses their source keys so no sync imports them again. Idempotent: erasing again returns the first request.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "Global id of the customer.")
            .RequirePermission(Access.PrivacyManage)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<CustomerEraser>().EraseAsync(
                GlobalId.Expect(ctx.GetArgument<string>("id"), GlobalId.CustomerType),
                RequestSecurity.Of(ctx).Caller, ctx.CancellationToken));
    }

    // The document is built only when the selection asks for it (fragments included): a caller after downloadUrl
    // does not pay for the inline copy.
    private static bool AsksFor(IResolveFieldContext context, string field) =>
        context.SubFields?.Values.Any(f => f.FieldType.Name == field) == true;
}
