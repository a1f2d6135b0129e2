using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>The user fields we read (Users API JSON format).</summary>
public sealed record ZendeskUser(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("phone")] string? Phone,
    [property: JsonPropertyName("shared_phone_number")] bool? SharedPhoneNumber,
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("active")] bool? Active,
    [property: JsonPropertyName("organization_id")] long? OrganizationId,
    [property: JsonPropertyName("updated_at")] DateTimeOffset? UpdatedAt);
