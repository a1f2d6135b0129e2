namespace CustomerTimeline.Api.Privacy;

public enum ExportDownloadStatus
{
    Ready,
    NotFound,
    Expired,
    /// <summary>The customer was merged into another since: the document would hold records the request never named.</summary>
    Merged,
}

/// <summary>
/// Whether an export's download may start, and whose document it streams. A ready one holds the read snapshot the
/// document is written from until disposed.
/// </summary>
/// <param name="CustomerId">The customer to stream; for <see cref="ExportDownloadStatus.Merged"/>, the one it went into.</param>
public sealed record ExportDownload(ExportDownloadStatus Status, long CustomerId = 0, IAsyncDisposable? Snapshot = null) : IAsyncDisposable
{
    public static readonly ExportDownload NotFound = new(ExportDownloadStatus.NotFound);
    public static readonly ExportDownload Expired = new(ExportDownloadStatus.Expired);

    public ValueTask DisposeAsync() => Snapshot?.DisposeAsync() ?? ValueTask.CompletedTask;
}
