using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Typeform;

/// <summary>An answer: <c>type</c> names the value property (number, text, email, choice, boolean...).</summary>
public sealed record TypeformAnswer(
    [property: JsonPropertyName("field")] TypeformField? Field,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("number")] double? Number,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("email")] string? Email);
