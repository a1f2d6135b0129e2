namespace CustomerTimeline.Api.Data;

/// <summary>How the last sync run of a stream ended.</summary>
public enum SyncStatus
{
    /// <summary>No run has touched this stream yet.</summary>
    Idle,
    Succeeded,
    /// <summary>Rate-limited: ended early, cursor kept at the last committed page, retried later.</summary>
    Deferred,
    Failed,
    Cancelled,
}

/// <summary>
/// Progress of one stream of one source: the cursor the next run resumes from, committed in the same
/// transaction as the page it came with, plus the outcome and counts of the last run. No personal data.
/// </summary>
public sealed class SyncState
{
    public long Id { get; set; }
    public EventSource Source { get; set; }
    public required string Stream { get; set; }
    /// <summary>The connector's opaque cursor after the last committed page; null before the first page.</summary>
    public string? Cursor { get; set; }
    public SyncStatus Status { get; set; }
    public DateTimeOffset? LastRunStartedAt { get; set; }
    public DateTimeOffset? LastRunEndedAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    /// <summary>Non-personal description of the last failure (exception kind, HTTP status); null after a success.</summary>
    public string? LastError { get; set; }
    /// <summary>Newest source UpdatedAt committed so far.</summary>
    public DateTimeOffset? HighWatermark { get; set; }
    /// <summary>When a run last read this stream to its end.</summary>
    public DateTimeOffset? CaughtUpAt { get; set; }
    /// <summary>Lag at the end of the last run: run end minus the point the stored data is complete up to.</summary>
    public double? LagSeconds { get; set; }
    public int LastRunPages { get; set; }
    public long LastRunRecords { get; set; }
    public long LastRunDuplicatesSkipped { get; set; }
    public long LastRunDeadLettered { get; set; }
    public long TotalRecords { get; set; }
    public long TotalDuplicatesSkipped { get; set; }
    public long TotalDeadLettered { get; set; }

    /// <summary>The point in source time up to which every change is stored.</summary>
    public DateTimeOffset? CompleteUpTo =>
        CaughtUpAt is null ? HighWatermark : HighWatermark is null || CaughtUpAt > HighWatermark ? CaughtUpAt : HighWatermark;
}
