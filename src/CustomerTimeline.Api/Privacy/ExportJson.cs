using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Privacy;

/// <summary>The JSON conventions of exports: camelCase names, enums as text, ISO 8601 instants.</summary>
internal static class ExportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };
}
