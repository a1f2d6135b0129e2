using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Relay;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Sources;

public static class SourceQueries
{
    private const string CursorType = "DeadLetterCursor";

    // Compiled: `sources` is in the agent console's canonical query, and translating these three LINQ queries on
    // every request cost about a fifth of that request's CPU (bench/README).
    private static readonly Func<TimelineDbContext, IAsyncEnumerable<SyncState>> States =
        EF.CompileAsyncQuery<TimelineDbContext, SyncState>(db => db.SyncStates.OrderBy(s => s.Source).ThenBy(s => s.Id));

    private static readonly Func<TimelineDbContext, IAsyncEnumerable<OpenLetters>> OpenLettersBySource =
        EF.CompileAsyncQuery((TimelineDbContext db) =>
            db.DeadLetters.Where(d => !d.Resolved).GroupBy(d => d.Source).Select(g => new OpenLetters(g.Key, g.Count())));

    public static void AddSourceQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SourceStatusGraphType>>>>("sources")
            .Description("Every source with its data freshness: configured, syncing, last success and error, stream positions and lag.")
            .ResolveAsync(async ctx => await SourcesAsync(ctx));

        query.Field<NonNullGraphType<DeadLetterConnectionGraphType>>("deadLetters")
            .Description("Records that could not be stored, oldest first.")
            .Argument<EnumerationGraphType<EventSource>>("source", "Only this source's dead letters.")
            .Argument<BooleanGraphType>("includeResolved", "Also those a later sync or a retry stored (default false).")
            .Argument<IntGraphType>("first", "Page size, 0-100 (default 20).")
            .Argument<StringGraphType>("after", "Cursor of the edge to continue after.")
            .ResolveAsync(async ctx => await DeadLettersAsync(ctx));
    }

    private static async Task<object?> SourcesAsync(IResolveFieldContext ctx)
    {
        var services = ctx.RequestServices!;
        var db = services.GetRequiredService<TimelineDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var connectors = services.GetServices<ISourceConnector>().ToList();

        List<SyncState> states;
        HashSet<EventSource> held;
        Dictionary<EventSource, int> open;
        // One connection open for the three reads, not one each.
        await db.Database.OpenConnectionAsync(ctx.CancellationToken);
        try
        {
            states = await CompiledQueries.ListAsync(States(db), ctx.CancellationToken);
            held = await SyncLeases.HeldAsync(db, now, ctx.CancellationToken);
            open = (await CompiledQueries.ListAsync(OpenLettersBySource(db), ctx.CancellationToken)).ToDictionary(x => x.Source, x => x.Count);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return Enum.GetValues<EventSource>().Select(source =>
        {
            var connector = connectors.FirstOrDefault(c => c.Source == source);
            var streams = states.Where(s => s.Source == source).ToList();
            if (connector is not null)
            {
                // The connector's order, then streams it no longer reads.
                var order = connector.Streams.ToList();
                streams = [.. streams.OrderBy(s => order.IndexOf(s.Stream) is var i && i < 0 ? int.MaxValue : i)];
            }
            return new SourceStatus(source, connector?.IsConfigured == true, held.Contains(source), streams,
                open.GetValueOrDefault(source));
        }).ToList();
    }

    private static async Task<object?> DeadLettersAsync(IResolveFieldContext ctx)
    {
        var db = ctx.RequestServices!.GetRequiredService<TimelineDbContext>();
        var first = ctx.GetArgument<int?>("first") ?? PageArguments.DefaultPageSize;
        if (first is < 0 or > PageArguments.MaxPageSize)
            throw new UserInputError($"'first' must be between 0 and {PageArguments.MaxPageSize}; got {first}.");
        var after = ctx.GetArgument<string?>("after");
        var afterId = after is null ? 0 : GlobalId.Expect(after, CursorType, "after");
        var source = ctx.GetArgument<EventSource?>("source");
        var includeResolved = ctx.GetArgument<bool?>("includeResolved") ?? false;

        var filtered = db.DeadLetters.AsQueryable();
        if (source is not null) filtered = filtered.Where(d => d.Source == source);
        if (!includeResolved) filtered = filtered.Where(d => !d.Resolved);

        var rows = await filtered.Where(d => d.Id > afterId).OrderBy(d => d.Id).Take(first + 1).ToListAsync(ctx.CancellationToken);
        var edges = rows.Take(first).Select(d => new Edge<DeadLetter>(GlobalId.Encode(CursorType, d.Id), d)).ToList();
        var pageInfo = new PageInfo(rows.Count > first, after is not null, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor);
        return new Connection<DeadLetter>(edges, pageInfo, () => new DeferredCount(ct => filtered.CountAsync(ct)));
    }

    private sealed record OpenLetters(EventSource Source, int Count);
}
