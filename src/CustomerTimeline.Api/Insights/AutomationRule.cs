namespace CustomerTimeline.Api.Insights;

/// <summary>
/// A declarative automation rule (schema/automation-rules.json): a trigger with its parameters, the signal it raises
/// and the action it suggests. Reason and title may use {score} {surveyType} {date} {stage} {days} {problem} {count} {intents}.
/// </summary>
public sealed record AutomationRule
{
    public required string Id { get; init; }
    public AutomationTrigger Trigger { get; init; }
    public required string Signal { get; init; }
    public SignalSeverity Severity { get; init; }
    public required string Reason { get; init; }
    public SuggestedAction? Action { get; init; }

    public IReadOnlyList<string>? SurveyTypes { get; init; }
    public int? ScoreMin { get; init; }
    public int? ScoreMax { get; init; }
    public int? WithinDays { get; init; }
    public IReadOnlyList<string>? Stages { get; init; }
    public int? Days { get; init; }
    public IReadOnlyDictionary<string, int>? StageDays { get; init; }
    public int? FatigueDays { get; init; }
    public int? FatigueMax { get; init; }
    public IReadOnlyList<string>? Intents { get; init; }
}
