namespace CustomerTimeline.Api.Insights;

public enum SignalSeverity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}
