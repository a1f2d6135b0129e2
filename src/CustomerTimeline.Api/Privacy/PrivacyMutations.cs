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
                RequestSecurity.Of(ctx).Caller, ctx.CancellationToken));

        mutation.Field<NonNullGraphType<CustomerErasureGraphType>>("eraseCustomer")
            .Description("Deletes every row about a customer in one transaction and suppresses their source keys so no sync imports them again. Idempotent: erasing again returns the first request.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "Global id of the customer.")
            .RequirePermission(Access.PrivacyManage)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<CustomerEraser>().EraseAsync(
                GlobalId.Expect(ctx.GetArgument<string>("id"), GlobalId.CustomerType),
                RequestSecurity.Of(ctx).Caller, ctx.CancellationToken));
    }
}
