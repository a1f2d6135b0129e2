using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Dataverse;

/// <summary>An OData collection page: rows stay raw (annotations included) so a bad row is dead-lettered alone.</summary>
public sealed record DataversePage(
    [property: JsonPropertyName("value")] IReadOnlyList<JsonElement>? Value,
    [property: JsonPropertyName("@odata.nextLink")] string? NextLink);
