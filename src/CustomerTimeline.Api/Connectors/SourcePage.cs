namespace CustomerTimeline.Api.Connectors;

/// <summary>
/// A page of changes. <see cref="NextCursor"/> is where the next run resumes once this page is stored;
/// <see cref="EndOfStream"/> means nothing newer exists right now.
/// </summary>
public sealed record SourcePage(IReadOnlyList<SourceRecord> Records, string? NextCursor, bool EndOfStream);
