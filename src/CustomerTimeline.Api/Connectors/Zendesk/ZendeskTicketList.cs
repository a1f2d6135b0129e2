using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>The answer of <c>tickets/show_many</c>: the tickets that exist, raw like the export's, and any sideloaded metrics.</summary>
public sealed record ZendeskTicketList(
    [property: JsonPropertyName("tickets")] IReadOnlyList<JsonElement>? Tickets,
    [property: JsonPropertyName("metric_sets")] IReadOnlyList<ZendeskMetricSet>? MetricSets = null);
