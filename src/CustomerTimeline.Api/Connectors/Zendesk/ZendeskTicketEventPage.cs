using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>
/// A page of the time-based incremental ticket event export: the next call starts at <c>end_time</c>, so events
/// of that second may come again. Events stay raw so one unreadable event does not fail the page.
/// </summary>
public sealed record ZendeskTicketEventPage(
    [property: JsonPropertyName("ticket_events")] IReadOnlyList<JsonElement>? TicketEvents,
    [property: JsonPropertyName("next_page")] string? NextPage,
    [property: JsonPropertyName("end_time")] long? EndTime,
    [property: JsonPropertyName("end_of_stream")] bool? EndOfStream,
    [property: JsonPropertyName("count")] int? Count);
