using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Sources;

/// <summary>The freshness of one source: its configuration, its lease, and the state of each stream.</summary>
public sealed record SourceStatus(
    EventSource Source, bool Configured, bool Running, IReadOnlyList<SyncState> Streams, int OpenDeadLetters)
{
    /// <summary>Every stream has been read successfully since then (the oldest of the streams' last successes).</summary>
    public DateTimeOffset? LastSuccessAt =>
        Streams.Count == 0 || Streams.Any(s => s.LastSuccessAt is null) ? null : Streams.Min(s => s.LastSuccessAt);

    /// <summary>The error of the most recent run that failed and has not been followed by a success.</summary>
    public string? LastError =>
        Streams.Where(s => s.LastError is not null).OrderByDescending(s => s.LastRunEndedAt).FirstOrDefault()?.LastError;

    /// <summary>
    /// How the most recent run ended: a run stamps every stream it read with the same end, so the worst of those
    /// streams is the run's outcome (the streams read before the one that failed did succeed).
    /// </summary>
    public SyncStatus Status
    {
        get
        {
            var ended = LastRunEndedAt;
            return Streams.Where(s => s.LastRunEndedAt == ended).Select(s => s.Status)
                .OrderByDescending(Severity).FirstOrDefault(SyncStatus.Idle);
        }
    }

    public DateTimeOffset? LastRunEndedAt => Streams.Max(s => s.LastRunEndedAt);

    public long RecordCount => Streams.Sum(s => s.TotalRecords);

    private static int Severity(SyncStatus status) => status switch
    {
        SyncStatus.Failed => 4,
        SyncStatus.Deferred => 3,
        SyncStatus.Cancelled => 2,
        SyncStatus.Succeeded => 1,
        _ => 0,
    };
}
