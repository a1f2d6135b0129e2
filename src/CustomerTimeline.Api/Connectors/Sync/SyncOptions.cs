using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.Connectors.Sync;

public sealed class SyncOptions
{
    public const string Section = "Sync";

    /// <summary>Run every configured source in the background every <see cref="Interval"/>; off leaves only the syncSource mutation.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between the end of one scheduled run of a source and the start of the next.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Sync:Interval must be between 1 second and 1 day.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a run owns its source without renewing. Renewed at every page commit, so it must outlast the slowest
    /// page fetch (retries included); a run that loses it stops before its next commit.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00", ErrorMessage = "Sync:LeaseDuration must be between 10 seconds and 1 hour.")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A run stops a stream after this many pages (resuming there next time), so no run holds a source forever.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Sync:MaxPagesPerRun must be between 1 and 1000000.")]
    public int MaxPagesPerRun { get; set; } = 10_000;

    /// <summary>
    /// A long run refreshes the insights of the customers it touched at least this often (and at its end): the
    /// longest an agent sees a score behind the timeline while a backfill runs (plus one page and the refresh).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Sync:InsightsMaxDelay must be between 1 second and 1 hour.")]
    public TimeSpan InsightsMaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
