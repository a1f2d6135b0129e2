using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Dataverse;

/// <summary>
/// <see cref="Watermark"/>: the highest <c>modifiedon</c> read; <see cref="Ids"/>: the rows read at exactly that
/// second (the next query uses <c>ge</c> and skips them, so rows sharing a second across a page boundary are
/// neither lost nor repeated); <see cref="NextLink"/>: while a query is being paged, the link of its next
/// page, so a restart resumes mid-query.
/// </summary>
public sealed record DataverseCursor(
    [property: JsonPropertyName("watermark")] DateTimeOffset Watermark,
    [property: JsonPropertyName("ids")] IReadOnlyList<string> Ids,
    [property: JsonPropertyName("nextLink")] string? NextLink);
