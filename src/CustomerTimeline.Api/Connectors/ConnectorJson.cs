using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors;

/// <summary>JSON settings shared by the vendor clients and the cursors they hand to the sync engine.</summary>
internal static class ConnectorJson
{
    /// <summary>
    /// Wire contracts name every property explicitly; numbers may come quoted (Matomo sends most numbers as
    /// strings, Dataverse sends big ints as numbers), so both are read.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a stored cursor; a cursor this code did not write is a bug or tampering, never data.</summary>
    public static T ReadCursor<T>(string cursor, string stream) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(cursor, Options)
                   ?? throw new ArgumentException($"The stored cursor of stream '{stream}' is empty.", nameof(cursor));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The stored cursor of stream '{stream}' is not one this connector wrote.", nameof(cursor), e);
        }
    }

    /// <summary>Deserializes one record of a page; a failure becomes that record's dead-letter reason.</summary>
    public static T? ReadRecord<T>(JsonElement raw, out string? error) where T : class
    {
        try
        {
            error = null;
            return raw.Deserialize<T>(Options);
        }
        catch (JsonException e)
        {
            error = $"Unreadable record: {e.Message}";
            return null;
        }
    }
}
