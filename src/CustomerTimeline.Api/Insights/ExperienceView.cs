namespace CustomerTimeline.Api.Insights;

/// <summary>A customer's experience score as GraphQL resolves it.</summary>
public sealed record ExperienceView(CustomerSummary Summary, ExperienceResult Result, string Band, string Direction);
