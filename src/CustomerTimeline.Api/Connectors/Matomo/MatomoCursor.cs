using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Matomo;

/// <summary>
/// Position in the visit log ordered by last action time: every visit whose last action is before
/// <see cref="Timestamp"/> has been read, plus the visits in <see cref="Seen"/> whose last action is exactly
/// at it. Matomo's <c>minTimestamp</c> is exclusive and ties are frequent at second precision, so the next
/// call asks for <c>minTimestamp = Timestamp - 1</c> and drops the seen ids instead of trusting an offset
/// (a visit that gets a new action moves, which would shift any offset).
/// </summary>
public sealed record MatomoCursor(
    [property: JsonPropertyName("ts")] long Timestamp,
    [property: JsonPropertyName("seen")] IReadOnlyList<long> Seen);
