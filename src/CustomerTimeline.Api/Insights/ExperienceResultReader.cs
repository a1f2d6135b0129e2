using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace CustomerTimeline.Api.Insights;

/// <summary>
/// Reads the stored experience JSON in the shape <see cref="ExperienceResult.ToJson"/> writes, with a
/// <see cref="Utf8JsonReader"/>: the agent context parses one per request, and the serializer's converters for
/// records with constructor parameters took a sixth of the plain agent endpoint's CPU and a sixteenth of the
/// GraphQL one's. Anything else (other casing, a missing or null member, a number written as a string) is left to
/// <see cref="JsonSerializer"/>, so what a document means does not depend on which reader read it.
/// </summary>
internal static class ExperienceResultReader
{
    // Driver keys and names come from a fixed set: one string each instead of one per request.
    private static readonly StringPool Keys = new();
    private static readonly StringPool Names = new();

    public static bool TryRead(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out ExperienceResult? result)
    {
        result = null;
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            double? score = null;
            List<ExperienceDriver>? drivers = null;
            List<ScorePoint>? history = null;
            List<string>? problems = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("score"u8)) { if (!Number(ref reader, out var s)) return false; score = s; }
                else if (reader.ValueTextEquals("drivers"u8)) { if (!Array(ref reader, JsonTokenType.StartObject, Driver, out drivers)) return false; }
                else if (reader.ValueTextEquals("history"u8)) { if (!Array(ref reader, JsonTokenType.StartObject, Point, out history)) return false; }
                else if (reader.ValueTextEquals("repeatedProblems"u8)) { if (!Array(ref reader, JsonTokenType.String, Text, out problems)) return false; }
                else if (!reader.TrySkip()) return false;
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return false;
            if (score is not { } total || drivers is null || history is null || problems is null) return false;
            result = new ExperienceResult(total, drivers, history, problems);
            return true;
        }
        catch (JsonException)
        {
            // Malformed: the serializer reports it in its own words.
            return false;
        }
    }

    private delegate bool ItemReader<T>(ref Utf8JsonReader reader, out T item);

    /// <summary>An array whose items all start with <paramref name="itemToken"/>, each read by <paramref name="read"/>.</summary>
    private static bool Array<T>(ref Utf8JsonReader reader, JsonTokenType itemToken, ItemReader<T> read, out List<T>? list)
    {
        list = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return false;
        var items = new List<T>();
        while (reader.Read() && reader.TokenType == itemToken)
        {
            if (!read(ref reader, out var item)) return false;
            items.Add(item);
        }
        if (reader.TokenType != JsonTokenType.EndArray) return false;
        list = items;
        return true;
    }

    private static bool Driver(ref Utf8JsonReader reader, out ExperienceDriver item)
    {
        item = null!;
        string? key = null, name = null, explanation = null;
        double? weight = null, maxPoints = null, subscore = null, contribution = null;
        List<long>? eventIds = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool ok;
            double value;
            if (reader.ValueTextEquals("key"u8)) ok = Keys.Read(ref reader, out key);
            else if (reader.ValueTextEquals("name"u8)) ok = Names.Read(ref reader, out name);
            else if (reader.ValueTextEquals("weight"u8)) { ok = Number(ref reader, out value); weight = value; }
            else if (reader.ValueTextEquals("maxPoints"u8)) { ok = Number(ref reader, out value); maxPoints = value; }
            else if (reader.ValueTextEquals("subscore"u8)) { ok = Number(ref reader, out value); subscore = value; }
            else if (reader.ValueTextEquals("contribution"u8)) { ok = Number(ref reader, out value); contribution = value; }
            else if (reader.ValueTextEquals("explanation"u8)) ok = String(ref reader, out explanation);
            else if (reader.ValueTextEquals("eventIds"u8)) ok = Array(ref reader, JsonTokenType.Number, Long, out eventIds);
            else ok = reader.TrySkip();
            if (!ok) return false;
        }
        if (reader.TokenType != JsonTokenType.EndObject || key is null || name is null || explanation is null || eventIds is null
            || weight is not { } w || maxPoints is not { } m || subscore is not { } s || contribution is not { } c)
        {
            return false;
        }
        item = new ExperienceDriver(key, name, w, m, s, c, explanation, eventIds);
        return true;
    }

    private static bool Point(ref Utf8JsonReader reader, out ScorePoint item)
    {
        item = null!;
        DateTimeOffset? at = null;
        double? score = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("at"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value)) return false;
                at = value;
            }
            else if (reader.ValueTextEquals("score"u8))
            {
                if (!Number(ref reader, out var value)) return false;
                score = value;
            }
            else if (!reader.TrySkip()) return false;
        }
        if (reader.TokenType != JsonTokenType.EndObject || at is not { } when || score is not { } points) return false;
        item = new ScorePoint(when, points);
        return true;
    }

    private static bool Text(ref Utf8JsonReader reader, out string item)
    {
        item = reader.GetString()!;
        return true;
    }

    private static bool Long(ref Utf8JsonReader reader, out long item) => reader.TryGetInt64(out item);

    private static bool Number(ref Utf8JsonReader reader, out double value)
    {
        value = 0;
        return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out value);
    }

    private static bool String(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String) return false;
        value = reader.GetString();
        return true;
    }

    /// <summary>A few strings read often, compared in place; bounded, since stored documents decide what comes.</summary>
    private sealed class StringPool
    {
        private const int Capacity = 32;
        private string[] _strings = [];

        public bool Read(ref Utf8JsonReader reader, out string? value)
        {
            value = null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String) return false;
            var strings = Volatile.Read(ref _strings);
            foreach (var s in strings)
            {
                if (!reader.ValueTextEquals(s)) continue;
                value = s;
                return true;
            }
            value = reader.GetString()!;
            // Racing additions may drop one another's string: it is read again next time.
            if (strings.Length < Capacity) Volatile.Write(ref _strings, [.. strings, value]);
            return true;
        }
    }
}
