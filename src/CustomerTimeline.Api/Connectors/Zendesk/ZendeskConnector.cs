using System.Net;
using CustomerTimeline.Api.Data;
using Microsoft.Extensions.Options;
using Refit;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>
/// Zendesk Support through the cursor-based incremental exports. Cursor of both streams: Zendesk's own
/// <c>after_cursor</c>, opaque and stable, stored as is; null starts from <see cref="ZendeskOptions.StartAt"/>.
/// A tickets page also carries every comment of its (non-deleted) tickets, so a ticket and its thread
/// commit together.
/// </summary>
public sealed partial class ZendeskConnector(
    IZendeskApi api,
    IOptionsMonitor<ZendeskOptions> options,
    TimeProvider time,
    ILogger<ZendeskConnector> logger) : ISourceConnector
{
    public const string UsersStream = "users";
    public const string TicketsStream = "tickets";

    public EventSource Source => EventSource.Zendesk;

    public bool IsConfigured => options.CurrentValue.IsConfigured;

    /// <summary>Users first, so the requester of a ticket is known when the ticket arrives.</summary>
    public IReadOnlyList<string> Streams { get; } = [UsersStream, TicketsStream];

    public Task<SourcePage> FetchPageAsync(string stream, string? cursor, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        if (!o.IsConfigured)
            throw new InvalidOperationException($"The Zendesk source is not configured (section {ZendeskOptions.Section}).");
        return stream switch
        {
            UsersStream => FetchUsersAsync(o, cursor, cancellationToken),
            TicketsStream => FetchTicketsAsync(o, cursor, cancellationToken),
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

        var records = page.Users.Select(ZendeskMapper.MapUser).ToList();
        return Page(UsersStream, records, page.AfterCursor ?? cursor, page.EndOfStream.Value);
    }

    private async Task<SourcePage> FetchTicketsAsync(ZendeskOptions o, string? cursor, CancellationToken cancellationToken)
    {
        var page = await SourceCall.RunAsync(Source, time,
            ct => api.ExportTicketsAsync(cursor is null ? StartTime(o) : null, cursor, o.PageSize, "metric_sets", ct), cancellationToken)
            .ConfigureAwait(false);
        if (page.Tickets is null || page.EndOfStream is null)
            throw Malformed("the ticket export page has no 'tickets' array or no 'end_of_stream'.");

        var solvedAt = (page.MetricSets ?? [])
            .GroupBy(m => m.TicketId)
            .ToDictionary(g => g.Key, g => g.Last().SolvedAt);
        var records = new List<SourceRecord>(page.Tickets.Count);
        foreach (var raw in page.Tickets)
        {
            var ticketId = ZendeskMapper.ReadTicket(raw)?.Id;
            var record = ZendeskMapper.MapTicket(raw, ticketId is { } id ? solvedAt.GetValueOrDefault(id) : null);
            records.Add(record);
            if (o.IncludeComments && record is SourceEvent && ZendeskMapper.ReadTicket(raw) is { } ticket)
                records.AddRange(await FetchCommentsAsync(o, ticket, cancellationToken).ConfigureAwait(false));
        }
        return Page(TicketsStream, records, page.AfterCursor ?? cursor, page.EndOfStream.Value);
    }

    private async Task<List<SourceRecord>> FetchCommentsAsync(ZendeskOptions o, ZendeskTicket ticket, CancellationToken cancellationToken)
    {
        var records = new List<SourceRecord>();
        string? after = null;
        do
        {
            var page = await SourceCall.RunAsync(Source, time, async ct =>
            {
                try
                {
                    return await api.ListCommentsAsync(ticket.Id, o.CommentPageSize, after, ct).ConfigureAwait(false);
                }
                catch (ApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
                {
                    // Deleted between the export and this call: its deletion arrives with a later export page.
                    return new ZendeskCommentPage([], null);
                }
            }, cancellationToken).ConfigureAwait(false);
            if (page.Comments is null) throw Malformed($"the comments page of ticket {ticket.Id} has no 'comments' array.");

            records.AddRange(page.Comments.Select(raw => ZendeskMapper.MapComment(raw, ticket)));
            after = page.Meta is { HasMore: true, AfterCursor: { Length: > 0 } next } && next != after ? next : null;
        }
        while (after is not null);
        return records;
    }

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
}
