using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Connectors;

/// <summary>Helpers for the mappers: reading ids from raw records and dead-lettering the ones that do not map.</summary>
internal static class RawRecords
{
    /// <summary>The record's own id (string or number) with a prefix, or a stable hash of the payload when it has none.</summary>
    public static string RecordId(JsonElement raw, string idProperty, string prefix)
    {
        if (raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty(idProperty, out var id))
        {
            var text = id.ValueKind switch
            {
                JsonValueKind.String => id.GetString(),
                JsonValueKind.Number => id.GetRawText(),
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(text)) return prefix + text;
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(raw.GetRawText()));
        return prefix + "unidentified-" + Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    /// <summary>A timestamp property (ISO 8601 string or Unix seconds) when readable, for dead letters' UpdatedAt.</summary>
    public static DateTimeOffset Timestamp(JsonElement raw, string property)
    {
        if (raw.ValueKind != JsonValueKind.Object || !raw.TryGetProperty(property, out var value)) return DateTimeOffset.UnixEpoch;
        if (value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            return parsed;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            && seconds is > 0 and < 253_402_300_799)
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        return DateTimeOffset.UnixEpoch;
    }

    public static UnmappableRecord Unmappable(JsonElement raw, string recordId, DateTimeOffset updatedAt, string reason) =>
        new(recordId, updatedAt, reason, raw.GetRawText());

    /// <summary>
    /// A dead letter's stored payload read back for a retry; when it is not JSON, the record that says so (its id and
    /// time are the dead letter's to keep).
    /// </summary>
    public static bool TryReadPayload(string payload, out JsonElement raw, out UnmappableRecord? unreadable)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            raw = document.RootElement.Clone();
            unreadable = null;
            return true;
        }
        catch (JsonException)
        {
            raw = default;
            unreadable = new UnmappableRecord("", DateTimeOffset.UnixEpoch, "The stored payload is not JSON.", payload);
            return false;
        }
    }

    /// <summary>
    /// A retry's records for a connector whose mapping needs nothing from the vendor: what <paramref name="map"/> makes of
    /// the stored payload, or the record saying why it cannot (no map: a stream the connector no longer reads; not JSON).
    /// </summary>
    public static Task<IReadOnlyList<SourceRecord>> Remap(EventSource source, string stream, string payload,
        Func<JsonElement, IEnumerable<SourceRecord>>? map)
    {
        IReadOnlyList<SourceRecord> records = map is null ? [UnknownStream(source, stream, payload)]
            : TryReadPayload(payload, out var raw, out var unreadable) ? [.. map(raw)]
            : [unreadable!];
        return Task.FromResult(records);
    }

    /// <summary>A retry of a stream the connector no longer reads (a form or stream removed from its settings).</summary>
    public static UnmappableRecord UnknownStream(EventSource source, string stream, string payload) =>
        new("", DateTimeOffset.UnixEpoch, $"{source} no longer reads the stream '{stream}'.", payload);

    /// <summary>Free text trimmed for a timeline line; the full text stays in the event details.</summary>
    public static string? Excerpt(string? text, int max = 200)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= max ? flat : string.Concat(flat.AsSpan(0, max - 1), "…");
    }
}
