using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Typeform;

/// <summary>
/// <see cref="Since"/>: the lower bound chosen on the first run, kept so every call filters the same way;
/// <see cref="After"/>: the token of the last response read. Typeform orders <c>after</c> pages by processing
/// order, so a response processed late (submitted long ago) is still found after the token. The token stays before
/// responses submitted within <see cref="TypeformOptions.SettleWindow"/>, which Typeform may not list yet.
/// </summary>
public sealed record TypeformCursor(
    [property: JsonPropertyName("since")] string Since,
    [property: JsonPropertyName("after")] string? After);
