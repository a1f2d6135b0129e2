namespace CustomerTimeline.Api.Telemetry;

public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Also print spans and metrics to the console (noisy; for local debugging).</summary>
    public bool ConsoleExporter { get; set; }

    /// <summary>
    /// Record spans. Unset: on when something exports them (OTLP endpoint or the console exporter); off otherwise,
    /// since a span per request and per SQL command that nobody reads is pure cost on the hot path.
    /// </summary>
    public bool? Tracing { get; set; }
}
