using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>The ticket fields we read (Tickets API JSON format).</summary>
public sealed record ZendeskTicket(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset? UpdatedAt,
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("priority")] string? Priority,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("tags")] IReadOnlyList<string>? Tags,
    [property: JsonPropertyName("requester_id")] long? RequesterId,
    [property: JsonPropertyName("via")] ZendeskVia? Via,
    [property: JsonPropertyName("satisfaction_rating")] ZendeskSatisfactionRating? SatisfactionRating = null);
