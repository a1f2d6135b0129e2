using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>The sideloaded ticket metrics we use: when the ticket was solved.</summary>
public sealed record ZendeskMetricSet(
    [property: JsonPropertyName("ticket_id")] long TicketId,
    [property: JsonPropertyName("solved_at")] DateTimeOffset? SolvedAt);
