using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>The <c>meta</c> object of Zendesk's cursor pagination.</summary>
public sealed record ZendeskCursorMeta(
    [property: JsonPropertyName("has_more")] bool HasMore,
    [property: JsonPropertyName("after_cursor")] string? AfterCursor);
