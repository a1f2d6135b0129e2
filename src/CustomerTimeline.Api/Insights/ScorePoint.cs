namespace CustomerTimeline.Api.Insights;

public sealed record ScorePoint(DateTimeOffset At, double Score);
