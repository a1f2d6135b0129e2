using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.Live;

public enum LiveBackplane
{
    /// <summary>One instance: notifications stay in the process.</summary>
    InProcess,
    /// <summary>Several instances on one database: notifications go through a table every instance polls.</summary>
    Database,
}

public sealed class LiveOptions
{
    public const string Section = "Live";

    public LiveBackplane Backplane { get; set; } = LiveBackplane.InProcess;

    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = "Live:PollInterval must be between 50 ms and 1 minute.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Live:Retention must be between 1 minute and 1 day.")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromMinutes(10);
}
