namespace CustomerTimeline.Api.Insights;

/// <summary>One driver of the experience score: its subscore 0..1 earns Contribution = MaxPoints × Subscore.</summary>
public sealed record ExperienceDriver(
    string Key, string Name, double Weight, double MaxPoints, double Subscore, double Contribution, string Explanation,
    IReadOnlyList<long> EventIds);
