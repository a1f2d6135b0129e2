namespace CustomerTimeline.Api.Data;

/// <summary>
/// Permits handed out to one caller in one fixed window, shared by every API instance on the database. Instances
/// reserve permits in chunks with one atomic UPDATE, so the sum never exceeds the window's limit.
/// </summary>
public sealed class RateLimitWindow
{
    /// <summary>The caller (tenant/object id, or anonymous/address).</summary>
    public string PartitionKey { get; set; } = "";
    /// <summary>Window index since the Unix epoch: floor(unix seconds / window seconds).</summary>
    public long WindowStart { get; set; }
    /// <summary>Permits reserved so far in this window, across all instances.</summary>
    public int Count { get; set; }
    /// <summary>Size of the last reservation (the statement's output).</summary>
    public int LastGrant { get; set; }
}
