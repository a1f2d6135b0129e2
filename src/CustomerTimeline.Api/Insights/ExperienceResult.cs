using System.Text;
using System.Text.Json;

namespace CustomerTimeline.Api.Insights;

/// <summary>The score (sum of the drivers' contributions), its drivers and its history, oldest point first.</summary>
public sealed record ExperienceResult(
    double Score, IReadOnlyList<ExperienceDriver> Drivers, IReadOnlyList<ScorePoint> History, IReadOnlyList<string> RepeatedProblems)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public double Change => History.Count < 2 ? 0 : Math.Round(History[^1].Score - History[0].Score, 2);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ExperienceResult FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromJson(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>What <see cref="ToJson"/> wrote is read by <see cref="ExperienceResultReader"/>; anything else by the serializer.</summary>
    public static ExperienceResult FromJson(ReadOnlySpan<byte> utf8Json) =>
        ExperienceResultReader.TryRead(utf8Json, out var result)
            ? result
            : JsonSerializer.Deserialize<ExperienceResult>(utf8Json, Json) ?? throw new JsonException("Empty experience JSON.");
}
