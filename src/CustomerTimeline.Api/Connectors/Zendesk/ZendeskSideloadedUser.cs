using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>A user sideloaded with tickets (<c>include=users</c>): only what tells staff from customers.</summary>
public sealed record ZendeskSideloadedUser(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("role")] string? Role);
