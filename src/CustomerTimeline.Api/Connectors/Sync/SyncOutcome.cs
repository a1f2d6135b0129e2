namespace CustomerTimeline.Api.Connectors.Sync;

public enum SyncOutcome
{
    /// <summary>Every stream was read to its end (or to Sync:MaxPagesPerRun pages).</summary>
    Succeeded,
    /// <summary>Rate-limited: stopped at the last committed page, to be retried later.</summary>
    Deferred,
    /// <summary>Stopped by an error; every committed page stays, nothing half-written.</summary>
    Failed,
    /// <summary>Another run (on this or another instance) holds the source's lease.</summary>
    AlreadyRunning,
    /// <summary>The source has no connector or no configuration.</summary>
    NotConfigured,
    /// <summary>The host is shutting down.</summary>
    Cancelled,
}
