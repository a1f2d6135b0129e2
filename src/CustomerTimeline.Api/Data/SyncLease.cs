namespace CustomerTimeline.Api.Data;

/// <summary>
/// One row per source: whoever holds an unexpired lease is the only one allowed to sync that source,
/// across every API instance sharing the database. Taken and renewed with conditional UPDATEs.
/// </summary>
public sealed class SyncLease
{
    public EventSource Source { get; set; }
    /// <summary>The run holding the lease (instance name + run id); empty when released.</summary>
    public string Owner { get; set; } = "";
    public DateTimeOffset AcquiredAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
