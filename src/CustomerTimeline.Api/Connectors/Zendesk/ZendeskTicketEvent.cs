using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>
/// The ticket event fields we read: one update of a ticket. With <c>include=comment_events</c>, the comments made
/// in it are child events with <c>event_type</c> "Comment", read from the raw event for
/// <see cref="ZendeskMapper.MapComment"/>: a JsonElement member is a copy of its bytes, one per comment.
/// </summary>
public sealed record ZendeskTicketEvent(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("ticket_id")] long? TicketId,
    [property: JsonPropertyName("timestamp")] long? Timestamp,
    [property: JsonPropertyName("event_type")] string? EventType);
