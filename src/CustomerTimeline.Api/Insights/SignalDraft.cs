namespace CustomerTimeline.Api.Insights;

/// <summary>A signal a rule wants open on a customer now; reconciled against the stored <see cref="CustomerSignal"/> rows.</summary>
public sealed record SignalDraft(
    string Key, string RuleId, string Kind, SignalSeverity Severity, string Reason, IReadOnlyList<long> EventIds,
    DateTimeOffset TriggeredAt, SuggestedAction? Action);
