using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>
/// A page of the cursor-based incremental ticket export. Tickets stay raw so one unreadable ticket is
/// dead-lettered instead of failing the page.
/// </summary>
public sealed record ZendeskTicketExportPage(
    [property: JsonPropertyName("tickets")] IReadOnlyList<JsonElement>? Tickets,
    [property: JsonPropertyName("metric_sets")] IReadOnlyList<ZendeskMetricSet>? MetricSets,
    [property: JsonPropertyName("users")] IReadOnlyList<ZendeskSideloadedUser>? Users,
    [property: JsonPropertyName("after_cursor")] string? AfterCursor,
    [property: JsonPropertyName("after_url")] string? AfterUrl,
    [property: JsonPropertyName("end_of_stream")] bool? EndOfStream);
