namespace CustomerTimeline.Api.Demo;

/// <summary>How the demo dataset reaches the database.</summary>
public enum DemoMode
{
    /// <summary>Written straight into an empty database at start (no connector involved).</summary>
    Direct,

    /// <summary>Served by the built-in vendor sandbox and pulled through the four real connectors.</summary>
    Sandbox,
}
