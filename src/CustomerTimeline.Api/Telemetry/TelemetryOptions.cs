namespace CustomerTimeline.Api.Telemetry;

public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Also print spans and metrics to the console (noisy; for local debugging).</summary>
    public bool ConsoleExporter { get; set; }
}
