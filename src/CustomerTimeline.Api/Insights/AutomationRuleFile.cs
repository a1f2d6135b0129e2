namespace CustomerTimeline.Api.Insights;

public sealed record AutomationRuleFile(IReadOnlyList<AutomationRule> Rules);
