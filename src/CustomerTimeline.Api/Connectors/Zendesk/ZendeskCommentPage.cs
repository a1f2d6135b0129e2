using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>A page of a ticket's comments (cursor pagination: <c>meta.has_more</c>, <c>meta.after_cursor</c>).</summary>
public sealed record ZendeskCommentPage(
    [property: JsonPropertyName("comments")] IReadOnlyList<JsonElement>? Comments,
    [property: JsonPropertyName("meta")] ZendeskCursorMeta? Meta);
