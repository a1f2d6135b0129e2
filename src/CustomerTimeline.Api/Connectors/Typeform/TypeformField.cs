using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Typeform;

/// <summary>The question an answer belongs to: its id, its question type (<c>nps</c>, <c>rating</c>, <c>long_text</c>...) and our <c>ref</c>.</summary>
public sealed record TypeformField(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("ref")] string? Ref);
