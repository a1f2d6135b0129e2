namespace CustomerTimeline.Api.Privacy;

public enum ExportDownloadStatus
{
    Ready,
    NotFound,
    Expired,
}

/// <summary>Whether an export's download may start, and whose document it streams.</summary>
public sealed record ExportDownload(ExportDownloadStatus Status, long CustomerId = 0)
{
    public static readonly ExportDownload NotFound = new(ExportDownloadStatus.NotFound);
    public static readonly ExportDownload Expired = new(ExportDownloadStatus.Expired);
}
