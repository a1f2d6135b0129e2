using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Matomo;

/// <summary>
/// Where the late-visits read is. Between reads only <see cref="LastCompletedAt"/> (when the last one started) is
/// set. During one: when it started, its window of last-action times (<see cref="From"/> to <see cref="To"/>, Unix
/// seconds) and how many visits of it were read.
/// </summary>
public sealed record MatomoLateCursor(
    [property: JsonPropertyName("lastCompletedAt")] DateTimeOffset LastCompletedAt,
    [property: JsonPropertyName("startedAt")] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("from")] long From,
    [property: JsonPropertyName("to")] long To,
    [property: JsonPropertyName("offset")] int Offset);
