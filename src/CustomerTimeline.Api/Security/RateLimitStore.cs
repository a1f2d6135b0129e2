namespace CustomerTimeline.Api.Security;

/// <summary>Where the per-caller request counts live.</summary>
public enum RateLimitStore
{
    /// <summary>One instance: counts stay in the process (each instance would allow the full budget).</summary>
    Memory,
    /// <summary>Several instances on one database: permits are reserved from a shared table, so the budget holds across all.</summary>
    Database,
}
