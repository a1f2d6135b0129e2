using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Give an empty database the generated demo dataset. Defaults to on in Development.</summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// Direct: written into the database at start. Sandbox: served by the built-in vendor sandbox and pulled through
    /// the connectors. Default: Sandbox when Sandbox:Enabled and no Connectors:* source is configured, else Direct.
    /// </summary>
    public DemoMode? Mode { get; set; }

    [Range(10, 5_000_000, ErrorMessage = "Demo:Events must be between 10 and 5,000,000.")]
    public int Events { get; set; } = 20_000;

    /// <summary>Also the sandbox's dataset size: Demo:Events events from Demo:Seed.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>
    /// The dataset's "now": its newest activity falls an hour before it. Default: when this data directory first
    /// needed the demo (<see cref="DemoClock"/>), so the demo looks current on any date and stays put across restarts.
    /// </summary>
    public DateTimeOffset? Now { get; set; }
}
