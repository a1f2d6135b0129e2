using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>
/// The ticket event fields we read: one update of a ticket. With <c>include=comment_events</c>, the comments made
/// in it are child events with <c>event_type</c> "Comment" (kept raw for <see cref="ZendeskMapper.MapComment"/>).
/// </summary>
public sealed record ZendeskTicketEvent(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("ticket_id")] long? TicketId,
    [property: JsonPropertyName("timestamp")] long? Timestamp,
    [property: JsonPropertyName("event_type")] string? EventType,
    [property: JsonPropertyName("child_events")] IReadOnlyList<JsonElement>? ChildEvents);
