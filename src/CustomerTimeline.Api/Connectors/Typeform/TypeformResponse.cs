using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Typeform;

/// <summary>The response fields we read.</summary>
public sealed record TypeformResponse(
    [property: JsonPropertyName("response_id")] string? ResponseId,
    [property: JsonPropertyName("token")] string? Token,
    [property: JsonPropertyName("landed_at")] DateTimeOffset? LandedAt,
    [property: JsonPropertyName("submitted_at")] DateTimeOffset? SubmittedAt,
    [property: JsonPropertyName("hidden")] IReadOnlyDictionary<string, string?>? Hidden,
    [property: JsonPropertyName("answers")] IReadOnlyList<TypeformAnswer>? Answers);
