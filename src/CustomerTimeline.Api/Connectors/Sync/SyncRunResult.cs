using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Connectors.Sync;

/// <summary>What one run of one source did. Counts only, no personal data.</summary>
public sealed record SyncRunResult(
    EventSource Source,
    SyncOutcome Outcome,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    int Pages,
    long Records,
    long DuplicatesSkipped,
    long DeadLettered,
    long Suppressed,
    double? LagSeconds,
    string? Error,
    TimeSpan? RetryAfter);
