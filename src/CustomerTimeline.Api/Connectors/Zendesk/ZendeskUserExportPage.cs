using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>A page of the cursor-based incremental user export.</summary>
public sealed record ZendeskUserExportPage(
    [property: JsonPropertyName("users")] IReadOnlyList<JsonElement>? Users,
    [property: JsonPropertyName("after_cursor")] string? AfterCursor,
    [property: JsonPropertyName("after_url")] string? AfterUrl,
    [property: JsonPropertyName("end_of_stream")] bool? EndOfStream);
