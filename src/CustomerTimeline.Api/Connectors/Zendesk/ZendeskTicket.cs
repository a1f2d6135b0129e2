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
    [property: JsonPropertyName("satisfaction_rating")] ZendeskSatisfactionRating? SatisfactionRating = null)
{
    /// <summary>The export keeps deleted tickets with status "deleted" so that consumers can remove them.</summary>
    [JsonIgnore]
    public bool IsDeleted => string.Equals(Status, "deleted", StringComparison.OrdinalIgnoreCase);

    /// <summary>An internal ticket: one of <paramref name="staff"/> requested it, so it is on no customer's timeline.</summary>
    public bool IsInternal(IReadOnlySet<long>? staff) => RequesterId is { } requester && staff?.Contains(requester) == true;
}
