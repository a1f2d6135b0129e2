using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Dataverse;

/// <summary>
/// Where the deletion sweep is. Between sweeps only <see cref="LastCompletedAt"/> is set. During one,
/// <see cref="StartedAt"/> (events changed at the source after it are not checked: their sync is newer than the sweep),
/// the table being checked (<see cref="Table"/>, an index into the streams) and the last record id checked in it.
/// </summary>
public sealed record DataverseDeletionCursor(
    [property: JsonPropertyName("lastCompletedAt")] DateTimeOffset LastCompletedAt,
    [property: JsonPropertyName("startedAt")] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("table")] int Table,
    [property: JsonPropertyName("after")] string? After,
    [property: JsonPropertyName("pagesThisRun")] int PagesThisRun);
