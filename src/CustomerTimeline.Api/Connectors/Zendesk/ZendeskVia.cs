using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>How a ticket or comment was created: <c>email</c>, <c>web</c>, <c>chat</c>, <c>voice</c>, <c>api</c>...</summary>
public sealed record ZendeskVia([property: JsonPropertyName("channel")] string? Channel);
