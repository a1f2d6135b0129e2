using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Journey;

/// <summary>
/// The global journey map as authored (schema/journey-map.json): ordered stages, touchpoints within them,
/// and rules that classify timeline events into a touchpoint (first matching rule wins).
/// </summary>
public sealed record JourneyMapDefinition(
    string Name,
    IReadOnlyList<StageDefinition> Stages,
    IReadOnlyList<TouchpointDefinition> Touchpoints,
    IReadOnlyList<ClassificationRule> Rules)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static JourneyMapDefinition Parse(string json) =>
        JsonSerializer.Deserialize<JourneyMapDefinition>(json, Json)
        ?? throw new JsonException("The journey map is empty.");

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

public sealed record StageDefinition(string Key, string Name, string? Description);

public enum Criticality
{
    Critical,
    Complementary,
    Superfluous,
}

public sealed record TouchpointDefinition(
    string Key, string Name, string Stage, Data.Channel Channel, Criticality Criticality, string? Description = null);
