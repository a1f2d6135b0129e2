using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Relay;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Timeline;

/// <summary>
/// Pages of many customers' timelines in one query per distinct (page, filter), using keyset paging on
/// (OccurredAt, Id) so deep pages cost the same as the first and equal timestamps never repeat or vanish.
/// </summary>
public sealed class TimelinePageLoader(TimelineDbContext db, SqliteReadPool hot, TimelineCountLoader counts, EventByIdLoader eventsById)
{
    // The agent console's shapes (one customer, no filter: the latest page, then older pages) skip EF's per-call
    // translation. The keyset predicate is the same as below.
    private static readonly Func<TimelineDbContext, long, int, IAsyncEnumerable<TimelineEvent>> Latest =
        EF.CompileAsyncQuery((TimelineDbContext db, long id, int take) => db.Events.Where(e => e.CustomerId == id)
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(take));

    private static readonly Func<TimelineDbContext, long, DateTimeOffset, long, int, IAsyncEnumerable<TimelineEvent>> Older =
        EF.CompileAsyncQuery((TimelineDbContext db, long id, DateTimeOffset at, long cid, int take) => db.Events
            .Where(e => e.CustomerId == id && (e.OccurredAt < at || (e.OccurredAt == at && e.Id < cid)))
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(take));

    // The same two reads by hand-written SQL where SqliteReadPool is on (OccurredAt is stored as UTC ticks).
    internal static readonly HotQuery<TimelineEvent> HotLatest = new(
        "WHERE \"CustomerId\" = @p0 ORDER BY \"OccurredAt\" DESC, \"Id\" DESC LIMIT @p1", 2);

    internal static readonly HotQuery<TimelineEvent> HotOlder = new(
        "WHERE \"CustomerId\" = @p0 AND (\"OccurredAt\" < @p1 OR (\"OccurredAt\" = @p1 AND \"Id\" < @p2)) " +
        "ORDER BY \"OccurredAt\" DESC, \"Id\" DESC LIMIT @p3", 4);

    private readonly Dictionary<string, BatchLoader<long, Connection<TimelineEvent>>> _batches = [];

    public IDataLoaderResult<Connection<TimelineEvent>> Load(long customerId, PageArguments page, TimelineFilter filter)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(filter);
        var cursor = page.Cursor is null ? (TimelineCursor?)null : TimelineCursor.Parse(page.Cursor, page.Backward ? "before" : "after");
        var key = $"{page.Size}|{page.Backward}|{page.Cursor}|{filter.Key}";
        if (!_batches.TryGetValue(key, out var batch))
        {
            batch = new BatchLoader<long, Connection<TimelineEvent>>(
                (ids, ct) => FetchAsync(ids, page, cursor, filter, ct), missing: null!);
            _batches.Add(key, batch);
        }
        return batch.Load(customerId);
    }

    private async Task<IReadOnlyDictionary<long, Connection<TimelineEvent>>> FetchAsync(
        IReadOnlyCollection<long> customerIds, PageArguments page, TimelineCursor? cursor, TimelineFilter filter,
        CancellationToken cancellationToken)
    {
        var take = page.Size + 1;
        ILookup<long, TimelineEvent> byCustomer;
        if (customerIds.Count == 1 && !page.Backward && filter.IsEmpty)
        {
            var id = customerIds.First();
            var rows = hot.Enabled
                ? cursor is { } h
                    ? hot.List(db, HotOlder, cancellationToken, id, h.OccurredAtTicks, h.Id, take)
                    : hot.List(db, HotLatest, cancellationToken, id, take)
                : await CompiledQueries.ListAsync(
                    cursor is { } k ? Older(db, id, k.OccurredAt, k.Id, take) : Latest(db, id, take), cancellationToken);
            byCustomer = rows.ToLookup(e => e.CustomerId);
        }
        else if (customerIds.Count == 1)
        {
            var id = customerIds.First();
            var one = Filtered(page, cursor, filter).Where(e => e.CustomerId == id);
            var rows = await (page.Backward
                    ? one.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
                    : one.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id))
                .Take(take).ToListAsync(cancellationToken);
            byCustomer = rows.ToLookup(e => e.CustomerId);
        }
        else
        {
            var events = Filtered(page, cursor, filter);
            // Top N per customer in one statement: EF turns the limited collection into ROW_NUMBER() OVER (PARTITION BY ...).
            var groups = await (page.Backward
                ? db.Customers.Where(cu => customerIds.Contains(cu.Id)).Select(cu => events.Where(e => e.CustomerId == cu.Id)
                    .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Take(take).ToList())
                : db.Customers.Where(cu => customerIds.Contains(cu.Id)).Select(cu => events.Where(e => e.CustomerId == cu.Id)
                    .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(take).ToList()))
                .ToListAsync(cancellationToken);
            byCustomer = groups.SelectMany(g => g).ToLookup(e => e.CustomerId);
        }

        eventsById.Prime(byCustomer.SelectMany(g => g));
        var result = new Dictionary<long, Connection<TimelineEvent>>(customerIds.Count);
        foreach (var customerId in customerIds)
            result[customerId] = ToConnection(customerId, byCustomer[customerId], page, cursor, filter);
        return result;
    }

    /// <summary>The filtered events past the cursor, for the shapes the compiled and hot reads do not cover.</summary>
    private IQueryable<TimelineEvent> Filtered(PageArguments page, TimelineCursor? cursor, TimelineFilter filter)
    {
        var events = filter.Apply(db.Events);
        if (cursor is not { } c) return events;
        var at = c.OccurredAt;
        var cid = c.Id;
        return page.Backward
            ? events.Where(e => e.OccurredAt > at || (e.OccurredAt == at && e.Id > cid))
            : events.Where(e => e.OccurredAt < at || (e.OccurredAt == at && e.Id < cid));
    }

    private static readonly Func<TimelineEvent, string> CursorOf = e => new TimelineCursor(e.OccurredAt.UtcTicks, e.Id).Encode();

    private Connection<TimelineEvent> ToConnection(
        long customerId, IEnumerable<TimelineEvent> fetched, PageArguments page, TimelineCursor? cursor, TimelineFilter filter)
    {
        // Newest first for forward pages; backward pages were read oldest first and are turned around.
        var ordered = page.Backward
            ? fetched.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToList()
            : fetched.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).ToList();
        var hasMore = ordered.Count > page.Size;
        var pageRows = ordered.Take(page.Size).ToList();
        if (page.Backward) pageRows.Reverse();

        var edges = pageRows
            .Select(e => new Edge<TimelineEvent>(e, CursorOf))
            .ToList();
        var pageInfo = page.Backward
            ? new PageInfo(HasNextPage: cursor is not null, HasPreviousPage: hasMore, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor)
            : new PageInfo(HasNextPage: hasMore, HasPreviousPage: cursor is not null, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor);
        return new Connection<TimelineEvent>(edges, pageInfo, () => counts.Load(customerId, filter));
    }
}
