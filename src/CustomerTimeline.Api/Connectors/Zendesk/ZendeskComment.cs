using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>The ticket comment fields we read (Ticket Comments API JSON format).</summary>
public sealed record ZendeskComment(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("author_id")] long? AuthorId,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("plain_body")] string? PlainBody,
    [property: JsonPropertyName("public")] bool? Public,
    [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt,
    [property: JsonPropertyName("via")] ZendeskVia? Via);
