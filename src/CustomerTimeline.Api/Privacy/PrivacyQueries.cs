using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Api.Security;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Privacy;

public static class PrivacyQueries
{
    public const string AuditEntryIdType = "AuditEntry";
    private const string CursorType = "AuditCursor";

    public static void AddPrivacyQueries(this ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Field<NonNullGraphType<AuditEntryConnectionGraphType>>("auditEntries")
            .Description("The audit log, newest first. Requires Privacy.Manage.")
            .Argument<IntGraphType>("first", "Page size, 0-100 (default 20).")
            .Argument<StringGraphType>("after", "Cursor of the edge to continue after.")
            .Argument<IdGraphType>("customerId", "Only entries about this customer, those recorded under the ids of customers merged into it included (each keeps the id it was recorded under).")
            .Argument<EnumerationGraphType<AuditOperation>>("operation", "Only entries of this operation.")
            .RequirePermission(Access.PrivacyManage)
            .ResolveAsync(async ctx => await ReadAuditAsync(ctx));
    }

    private static async Task<object?> ReadAuditAsync(IResolveFieldContext ctx)
    {
        var db = ctx.RequestServices!.GetRequiredService<TimelineDbContext>();
        var first = ctx.GetArgument<int?>("first") ?? PageArguments.DefaultPageSize;
        if (first is < 0 or > PageArguments.MaxPageSize)
            throw new UserInputError($"'first' must be between 0 and {PageArguments.MaxPageSize}; got {first}.");
        var after = ctx.GetArgument<string?>("after");
        var beforeId = after is null ? long.MaxValue : GlobalId.Expect(after, CursorType, "after");

        var filtered = db.AuditEntries.AsQueryable();
        if (ctx.GetArgument<string?>("customerId") is { } customer)
        {
            var customerId = GlobalId.Expect(customer, GlobalId.CustomerType, "customerId");
            // One person's log: what was read, exported or erased under the ids of the customers merged into them too.
            List<long?> ids = [customerId, .. await db.MergeRecords.Where(m => m.SurvivorCustomerId == customerId)
                .Select(m => (long?)m.MergedCustomerId).ToListAsync(ctx.CancellationToken)];
            filtered = ids.Count == 1 ? filtered.Where(a => a.CustomerId == customerId) : filtered.Where(a => ids.Contains(a.CustomerId));
        }
        if (ctx.GetArgument<AuditOperation?>("operation") is { } operation)
            filtered = filtered.Where(a => a.Operation == operation);

        // Reads still queued or journaled are part of the log already (flushed once the arguments are known to be good).
        await ctx.RequestServices!.GetRequiredService<PiiReadAuditWriter>().FlushAsync(ctx.CancellationToken);
        var rows = await filtered.Where(a => a.Id < beforeId).OrderByDescending(a => a.Id).Take(first + 1)
            .ToListAsync(ctx.CancellationToken);
        var edges = rows.Take(first).Select(a => new Edge<AuditEntry>(GlobalId.Encode(CursorType, a.Id), a)).ToList();
        var pageInfo = new PageInfo(rows.Count > first, after is not null, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor);
        return new Connection<AuditEntry>(edges, pageInfo, () => new DeferredCount(ct => filtered.CountAsync(ct)));
    }
}
