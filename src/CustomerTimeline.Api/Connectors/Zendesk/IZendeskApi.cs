using Refit;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>
/// The Zendesk Support endpoints we read. The user and ticket exports are cursor-based: the first call sends
/// <c>start_time</c> (Unix seconds), every later one only the <c>cursor</c> the previous page returned. The ticket
/// event export is time-based only: every call sends <c>start_time</c>, the previous page's <c>end_time</c>.
/// </summary>
[Headers("Accept: application/json")]
public interface IZendeskApi
{
    /// <summary>
    /// GET /api/v2/incremental/tickets/cursor.json; <c>include=metric_sets,users</c> sideloads solved_at and the
    /// tickets' users (their roles tell staff from customers).
    /// </summary>
    [Get("/api/v2/incremental/tickets/cursor.json")]
    Task<ZendeskTicketExportPage> ExportTicketsAsync(
        [AliasAs("start_time")] long? startTime,
        [AliasAs("cursor")] string? cursor,
        [AliasAs("per_page")] int perPage,
        [AliasAs("include")] string? include,
        CancellationToken cancellationToken);

    /// <summary>GET /api/v2/incremental/users/cursor.json.</summary>
    [Get("/api/v2/incremental/users/cursor.json")]
    Task<ZendeskUserExportPage> ExportUsersAsync(
        [AliasAs("start_time")] long? startTime,
        [AliasAs("cursor")] string? cursor,
        [AliasAs("per_page")] int perPage,
        CancellationToken cancellationToken);

    /// <summary>
    /// GET /api/v2/incremental/ticket_events.json (up to 1000 events a page); <c>include=comment_events</c> adds
    /// each update's comments as child events.
    /// </summary>
    [Get("/api/v2/incremental/ticket_events.json")]
    Task<ZendeskTicketEventPage> ExportTicketEventsAsync(
        [AliasAs("start_time")] long startTime,
        [AliasAs("include")] string? include,
        CancellationToken cancellationToken);

    /// <summary>
    /// GET /api/v2/tickets/show_many.json: up to 100 comma-separated ids; deleted tickets are left out.
    /// Takes the export's sideloads (<c>metric_sets</c>, <c>users</c>).
    /// </summary>
    [Get("/api/v2/tickets/show_many.json")]
    Task<ZendeskTicketList> ShowManyTicketsAsync(
        [AliasAs("ids")] string ids,
        [AliasAs("include")] string? include,
        CancellationToken cancellationToken);
}
