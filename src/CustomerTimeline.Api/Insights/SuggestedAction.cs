namespace CustomerTimeline.Api.Insights;

public sealed record SuggestedAction(string Kind, string Title, int Priority);
