using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.Health;

public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>A configured source whose last successful sync is older than this makes readiness Degraded.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Health:SourceFreshness must be between 1 minute and 30 days.")]
    public TimeSpan SourceFreshness { get; set; } = TimeSpan.FromHours(1);
}
