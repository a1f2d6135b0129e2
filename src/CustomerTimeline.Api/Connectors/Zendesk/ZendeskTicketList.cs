using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>The answer of <c>tickets/show_many</c>: the tickets that exist, raw like the export's, and what was sideloaded.</summary>
public sealed record ZendeskTicketList(
    [property: JsonPropertyName("tickets")] IReadOnlyList<JsonElement>? Tickets,
    [property: JsonPropertyName("metric_sets")] IReadOnlyList<ZendeskMetricSet>? MetricSets = null,
    [property: JsonPropertyName("users")] IReadOnlyList<ZendeskSideloadedUser>? Users = null);
