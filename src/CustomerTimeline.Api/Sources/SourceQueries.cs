using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Relay;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace CustomerTimeline.Api.Sources;

public static class SourceQueries
{
    private const string CursorType = "DeadLetterCursor";

    // `sources` is in the agent console's canonical query (docs/agent-query.md): its three reads go through the hot
    // read pool on SQLite, and as compiled queries elsewhere. Through EF, even compiled, they added ~40% to that
    // request's p50 (bench/README).
    internal static readonly HotQuery<SyncState> HotStates = new("ORDER BY \"Source\", \"Id\"", 0);
    internal static readonly HotQuery<SyncLease> HotLeases = new("", 0);
    internal const string HotOpenLettersSql = "SELECT \"Source\", COUNT(*) FROM \"DeadLetters\" WHERE NOT \"Resolved\" GROUP BY \"Source\"";

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

        var hot = services.GetRequiredService<SqliteReadPool>();
        var (states, held, open) = hot.Enabled
            ? HotReads(hot, db, now, ctx.CancellationToken)
            : await CompiledReadsAsync(db, now, ctx.CancellationToken);

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

    internal static (List<SyncState> States, HashSet<EventSource> Held, Dictionary<EventSource, int> Open) HotReads(
        SqliteReadPool hot, TimelineDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var states = hot.List(db, HotStates, ct);
        var held = hot.List(db, HotLeases, ct).Where(l => SyncLeases.IsHeld(l, now)).Select(l => l.Source).ToHashSet();
        var open = new Dictionary<EventSource, int>();
        foreach (var (name, count) in hot.Rows(HotOpenLettersSql, s => (raw.sqlite3_column_text(s, 0).utf8_to_string(), raw.sqlite3_column_int64(s, 1)), ct))
        {
            // Stored by name, as EF writes the enum (a name this build does not know has no source to count under).
            if (Enum.TryParse<EventSource>(name, ignoreCase: false, out var source)) open[source] = (int)count;
        }
        return (states, held, open);
    }

    internal static async Task<(List<SyncState> States, HashSet<EventSource> Held, Dictionary<EventSource, int> Open)> CompiledReadsAsync(
        TimelineDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        // One connection open for the three reads, not one each.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var states = await CompiledQueries.ListAsync(States(db), ct);
            var held = await SyncLeases.HeldAsync(db, now, ct);
            var open = (await CompiledQueries.ListAsync(OpenLettersBySource(db), ct)).ToDictionary(x => x.Source, x => x.Count);
            return (states, held, open);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
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
