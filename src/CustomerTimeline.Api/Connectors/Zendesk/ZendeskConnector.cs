using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerTimeline.Api.Data;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>
/// Zendesk Support. Users and tickets come through the cursor-based incremental exports; their cursor is Zendesk's
/// own <c>after_cursor</c>, opaque and stored as is. Comments (when <see cref="ZendeskOptions.IncludeComments"/>)
/// come through the time-based ticket event export with the <c>comment_events</c> sideload, their tickets (for the
/// requester) through <c>show_many</c>, 100 at a time: a few calls a page instead of one per ticket. Its cursor is
/// the page's <c>end_time</c>. Null cursors start from <see cref="ZendeskOptions.StartAt"/>. Staff (agents and admins)
/// are not customers: the user export's are skipped, and a ticket a staff member requested (an internal one, as the
/// sideloaded users' roles tell) is read as a deletion, with its comments. A deleted user (inactive) is skipped too:
/// Zendesk has cleared their data, which says nothing about the customer.
/// </summary>
public sealed partial class ZendeskConnector(
    IZendeskApi api,
    IOptionsMonitor<ZendeskOptions> options,
    TimeProvider time,
    ILogger<ZendeskConnector> logger) : ISourceConnector, IRemappingConnector
{
    public const string UsersStream = "users";
    public const string TicketsStream = "tickets";
    public const string CommentsStream = "comments";

    /// <summary>Ids per <c>show_many</c> call: Zendesk's maximum.</summary>
    internal const int ShowManyLimit = 100;

    /// <summary>show_many calls of one page in flight at once (they are not export calls: no 10-a-minute limit).</summary>
    private const int ShowManyParallelism = 4;

    /// <summary>What a comment's dead letter adds to the comment: the ticket it is on.</summary>
    private const string TicketIdProperty = "ticket_id";

    /// <summary>What a ticket is read with: its solved time, and its users' roles (staff are not customers).</summary>
    private const string TicketSideloads = "metric_sets,users";

    private static readonly string[] WithComments = [UsersStream, TicketsStream, CommentsStream];
    private static readonly string[] WithoutComments = [UsersStream, TicketsStream];

    public EventSource Source => EventSource.Zendesk;

    public bool IsConfigured => options.CurrentValue.IsConfigured;

    /// <summary>Users first, so a requester is known when their tickets and comments arrive; read on each run.</summary>
    public IReadOnlyList<string> Streams => options.CurrentValue.IncludeComments ? WithComments : WithoutComments;

    public Task<SourcePage> FetchPageAsync(string stream, string? cursor, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        if (!o.IsConfigured)
            throw new InvalidOperationException($"The Zendesk source is not configured (section {ZendeskOptions.Section}).");
        return stream switch
        {
            UsersStream => FetchUsersAsync(o, cursor, cancellationToken),
            TicketsStream => FetchTicketsAsync(o, cursor, cancellationToken),
            CommentsStream => FetchCommentsAsync(o, cursor, cancellationToken),
            _ => throw new ArgumentException($"Zendesk has no stream '{stream}'.", nameof(stream)),
        };
    }

    private async Task<SourcePage> FetchUsersAsync(ZendeskOptions o, string? cursor, CancellationToken cancellationToken)
    {
        var page = await SourceCall.RunAsync(Source, time,
            ct => api.ExportUsersAsync(cursor is null ? StartTime(o) : null, cursor, o.PageSize, ct), cancellationToken)
            .ConfigureAwait(false);
        if (page.Users is null || page.EndOfStream is null)
            throw Malformed("the user export page has no 'users' array or no 'end_of_stream'.");

        // Staff (agents, admins) and deleted users are in the export too; they add nothing to a customer.
        var records = page.Users.Select(ZendeskMapper.MapUser).OfType<SourceRecord>().ToList();
        if (logger.IsEnabled(LogLevel.Information))
        {
            var unmappable = records.Count(r => r is UnmappableRecord);
            LogUsersPage(logger, records.Count, unmappable, page.Users.Count - records.Count, page.EndOfStream.Value);
        }
        return new SourcePage(records, page.AfterCursor ?? cursor, page.EndOfStream.Value);
    }

    private async Task<SourcePage> FetchTicketsAsync(ZendeskOptions o, string? cursor, CancellationToken cancellationToken)
    {
        var page = await SourceCall.RunAsync(Source, time,
            ct => api.ExportTicketsAsync(cursor is null ? StartTime(o) : null, cursor, o.PageSize, TicketSideloads, ct), cancellationToken)
            .ConfigureAwait(false);
        if (page.Tickets is null || page.EndOfStream is null)
            throw Malformed("the ticket export page has no 'tickets' array or no 'end_of_stream'.");

        var solvedAt = (page.MetricSets ?? [])
            .GroupBy(m => m.TicketId)
            .ToDictionary(g => g.Key, g => g.Last().SolvedAt);
        var staff = ZendeskMapper.StaffIds(page.Users);
        var records = new List<SourceRecord>(page.Tickets.Count);
        foreach (var raw in page.Tickets)
        {
            // Read once: for its solved time here, and for the mapper.
            var ticket = ConnectorJson.ReadRecord<ZendeskTicket>(raw, out var error);
            records.AddRange(TicketRecords(raw, ticket, error, ticket is null ? null : solvedAt.GetValueOrDefault(ticket.Id), staff));
        }
        return Page(TicketsStream, records, page.AfterCursor ?? cursor, page.EndOfStream.Value);
    }

    private async Task<SourcePage> FetchCommentsAsync(ZendeskOptions o, string? cursor, CancellationToken cancellationToken)
    {
        var start = cursor is null ? StartTime(o) : ReadTimeCursor(cursor);
        var page = await SourceCall.RunAsync(Source, time,
            ct => api.ExportTicketEventsAsync(start, "comment_events", ct), cancellationToken).ConfigureAwait(false);
        if (page.TicketEvents is null || page.EndOfStream is null || page.EndTime is null)
            throw Malformed("the ticket event export page has no 'ticket_events' array, no 'end_of_stream' or no 'end_time'.");
        // The next call starts at end_time (inclusive): a page whose events all share its start second would be
        // read again forever. Skipping that second instead would lose the events beyond the page.
        if (!page.EndOfStream.Value && page.EndTime.Value <= start)
            throw Malformed($"more ticket events share the second {start.ToString(CultureInfo.InvariantCulture)} than a page holds; the export cannot move past it.");

        var comments = new List<(JsonElement Raw, long TicketId)>();
        var records = new List<SourceRecord>();
        foreach (var raw in page.TicketEvents)
        {
            var ticketEvent = ConnectorJson.ReadRecord<ZendeskTicketEvent>(raw, out var error);
            foreach (var child in RawChildren(raw).Where(IsComment))
            {
                if (ticketEvent?.TicketId is { } ticketId) comments.Add((child, ticketId));
                else records.Add(RawRecords.Unmappable(child, RawRecords.RecordId(child, "id", "comment-"),
                    RawRecords.Timestamp(child, "created_at"), error ?? "The comment's ticket event has no ticket_id."));
            }
        }

        var (tickets, staff) = await ShowManyAsync(comments.Select(c => c.TicketId).Distinct().ToList(), cancellationToken).ConfigureAwait(false);
        var skipped = 0;
        foreach (var (raw, ticketId) in comments)
        {
            if (!tickets.TryGetValue(ticketId, out var ticket))
            {
                // Deleted since (the ticket export brings the deletion): no requester to put the comment on.
                skipped++;
                continue;
            }
            records.Add(MapComment(raw, ticketId, ticket, staff));
        }

        // Never backwards: an empty last page may answer an end_time before the start.
        var next = Math.Max(page.EndTime.Value, start).ToString(CultureInfo.InvariantCulture);
        if (logger.IsEnabled(LogLevel.Information))
        {
            var unmappable = records.Count(r => r is UnmappableRecord);
            LogCommentsPage(logger, records.Count, unmappable, skipped, page.EndOfStream.Value);
        }
        return new SourcePage(records, next, page.EndOfStream.Value);
    }

    /// <summary>
    /// A comment's dead letter keeps its ticket's id (the comment itself does not carry it), so a retry can read the
    /// ticket again.
    /// </summary>
    private static SourceRecord MapComment(JsonElement raw, long ticketId, ZendeskTicket? ticket, IReadOnlySet<long> staff)
    {
        var record = ticket is null
            ? RawRecords.Unmappable(raw, RawRecords.RecordId(raw, "id", "comment-"), RawRecords.Timestamp(raw, "created_at"),
                $"The comment's ticket {ticketId.ToString(CultureInfo.InvariantCulture)} could not be read.")
            : ZendeskMapper.MapComment(raw, ticket, staff);
        return record is UnmappableRecord dead ? dead with { Payload = WithTicketId(dead.Payload, ticketId) } : record;
    }

    private static string WithTicketId(string payload, long ticketId)
    {
        if (JsonNode.Parse(payload) is not JsonObject comment || comment.ContainsKey(TicketIdProperty)) return payload;
        comment[TicketIdProperty] = ticketId;
        return comment.ToJsonString();
    }

    /// <summary>
    /// Users map as they did; a ticket with its solved time read again (<c>show_many</c> with its metric set); a
    /// comment with its ticket read again, when its dead letter names it. A comment whose ticket is gone leaves nothing
    /// to store, as in a sync.
    /// </summary>
    public async Task<IReadOnlyList<SourceRecord>> RemapAsync(string stream, string payload, CancellationToken cancellationToken)
    {
        if (!Streams.Contains(stream)) return [RawRecords.UnknownStream(Source, stream, payload)];
        if (!RawRecords.TryReadPayload(payload, out var raw, out var unreadable)) return [unreadable!];
        switch (stream)
        {
            case UsersStream:
                return ZendeskMapper.MapUser(raw) is { } person ? [person] : [];
            case TicketsStream:
                var ticket = ConnectorJson.ReadRecord<ZendeskTicket>(raw, out var error);
                var (solvedAt, staff) = ticket is { Id: > 0 } ? await TicketContextAsync(ticket.Id, cancellationToken).ConfigureAwait(false) : (null, []);
                return [.. TicketRecords(raw, ticket, error, solvedAt, staff)];
            default:
                if (raw.ValueKind != JsonValueKind.Object || !raw.TryGetProperty(TicketIdProperty, out var id) || !id.TryGetInt64(out var ticketId))
                    return [RawRecords.Unmappable(raw, RawRecords.RecordId(raw, "id", "comment-"), RawRecords.Timestamp(raw, "created_at"),
                        "The dead letter does not say which ticket the comment is on; the next read of its ticket's events brings it.")];
                var (tickets, requesters) = await ShowManyAsync([ticketId], cancellationToken).ConfigureAwait(false);
                return tickets.TryGetValue(ticketId, out var current) ? [MapComment(raw, ticketId, current, requesters)] : [];
        }
    }

    /// <summary>A ticket, and its satisfaction rating when the requester answered one.</summary>
    private static IEnumerable<SourceRecord> TicketRecords(JsonElement raw, ZendeskTicket? ticket, string? error, DateTimeOffset? solvedAt,
        IReadOnlySet<long> staff)
    {
        yield return ZendeskMapper.MapTicket(raw, ticket, error, solvedAt, staff);
        if (ZendeskMapper.MapSatisfaction(ticket, solvedAt, staff) is { } rating) yield return rating;
    }

    /// <summary>What the export sideloads with a ticket: its solved time, and the staff among its users.</summary>
    private async Task<(DateTimeOffset? SolvedAt, HashSet<long> Staff)> TicketContextAsync(long ticketId, CancellationToken cancellationToken)
    {
        var list = await SourceCall.RunAsync(Source, time,
            ct => api.ShowManyTicketsAsync(ticketId.ToString(CultureInfo.InvariantCulture), TicketSideloads, ct), cancellationToken).ConfigureAwait(false);
        return (list.MetricSets?.LastOrDefault(m => m.TicketId == ticketId)?.SolvedAt, ZendeskMapper.StaffIds(list.Users));
    }

    /// <summary>
    /// The existing tickets by id (null: returned but unreadable; deleted ones are absent), and the staff among their
    /// users (sideloaded).
    /// </summary>
    private async Task<(Dictionary<long, ZendeskTicket?> Tickets, HashSet<long> Staff)> ShowManyAsync(List<long> ids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, ZendeskTicket?>();
        if (ids.Count == 0) return (found, []);
        var chunks = ids.Chunk(ShowManyLimit).ToList();
        var answers = new IReadOnlyList<JsonElement>[chunks.Count];
        var staff = new HashSet<long>[chunks.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, chunks.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ShowManyParallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var joined = string.Join(',', chunks[i].Select(id => id.ToString(CultureInfo.InvariantCulture)));
                var list = await SourceCall.RunAsync(Source, time, c => api.ShowManyTicketsAsync(joined, "users", c), ct).ConfigureAwait(false);
                answers[i] = list.Tickets ?? throw Malformed("the show_many answer has no 'tickets' array.");
                staff[i] = ZendeskMapper.StaffIds(list.Users);
            }).ConfigureAwait(false);

        var asked = ids.ToHashSet();
        foreach (var raw in answers.SelectMany(a => a))
        {
            var ticket = ZendeskMapper.ReadTicket(raw);
            var id = ticket?.Id ?? (raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty("id", out var p) && p.TryGetInt64(out var n) ? n : (long?)null);
            if (id is not { } known || !asked.Contains(known)) continue;
            // Zendesk leaves deleted tickets out; one still marked deleted counts as gone all the same.
            if (ticket?.IsDeleted == true) continue;
            found[known] = ticket;
        }
        return (found, [.. staff.SelectMany(s => s)]);
    }

    private static bool IsComment(JsonElement child) =>
        child.ValueKind == JsonValueKind.Object
        && child.TryGetProperty("event_type", out var type)
        && type.ValueKind == JsonValueKind.String
        && type.ValueEquals("Comment");

    /// <summary>The child events of an event that did not deserialize, when they are at least an array.</summary>
    private static List<JsonElement> RawChildren(JsonElement raw) =>
        raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty("child_events", out var children) && children.ValueKind == JsonValueKind.Array
            ? [.. children.EnumerateArray()]
            : [];

    /// <summary>The comments cursor: Unix seconds as an invariant integer; anything else is not one we wrote.</summary>
    private static long ReadTimeCursor(string cursor) =>
        long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw new ArgumentException($"The stored cursor of stream '{CommentsStream}' is not one this connector wrote.", nameof(cursor));

    private long StartTime(ZendeskOptions o) =>
        (o.StartAt ?? time.GetUtcNow() - o.InitialLookback).ToUnixTimeSeconds();

    private SourcePage Page(string stream, List<SourceRecord> records, string? nextCursor, bool endOfStream)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var unmappable = records.Count(r => r is UnmappableRecord);
            var deletions = records.Count(r => r is SourceDeletion);
            LogPage(logger, stream, records.Count, unmappable, deletions, endOfStream);
        }
        return new SourcePage(records, nextCursor, endOfStream);
    }

    private SourceUnavailableException Malformed(string what) =>
        new(Source, SourceFailure.MalformedResponse, what);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Zendesk {Stream}: read {Count} records ({Unmappable} unmappable, {Deletions} deletions), end of stream: {EndOfStream}.")]
    private static partial void LogPage(ILogger logger, string stream, int count, int unmappable, int deletions, bool endOfStream);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Zendesk users: read {Count} records ({Unmappable} unmappable), skipped {Skipped} staff or deleted users, end of stream: {EndOfStream}.")]
    private static partial void LogUsersPage(ILogger logger, int count, int unmappable, int skipped, bool endOfStream);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Zendesk comments: read {Count} records ({Unmappable} unmappable), skipped {Skipped} comments of tickets show_many did not return (deleted), end of stream: {EndOfStream}.")]
    private static partial void LogCommentsPage(ILogger logger, int count, int unmappable, int skipped, bool endOfStream);
}
