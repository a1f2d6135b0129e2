using Refit;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>
/// The Zendesk Support endpoints we read. Incremental exports are cursor-based: the first call sends
/// <c>start_time</c> (Unix seconds), every later one only the <c>cursor</c> the previous page returned.
/// </summary>
[Headers("Accept: application/json")]
public interface IZendeskApi
{
    /// <summary>GET /api/v2/incremental/tickets/cursor.json; <c>include=metric_sets</c> sideloads solved_at.</summary>
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

    /// <summary>GET /api/v2/tickets/{ticket_id}/comments.json with cursor pagination (oldest first).</summary>
    [Get("/api/v2/tickets/{ticketId}/comments.json")]
    Task<ZendeskCommentPage> ListCommentsAsync(
        long ticketId,
        [AliasAs("page[size]")] int pageSize,
        [AliasAs("page[after]")] string? after,
        CancellationToken cancellationToken);
}
