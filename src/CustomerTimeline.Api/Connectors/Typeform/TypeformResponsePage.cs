using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Typeform;

/// <summary>A page of responses; items stay raw so one unreadable response is dead-lettered alone.</summary>
public sealed record TypeformResponsePage(
    [property: JsonPropertyName("total_items")] int? TotalItems,
    [property: JsonPropertyName("page_count")] int? PageCount,
    [property: JsonPropertyName("items")] IReadOnlyList<JsonElement>? Items);
