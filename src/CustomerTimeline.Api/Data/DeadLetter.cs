namespace CustomerTimeline.Api.Data;

/// <summary>A source record that could not be stored, kept with its raw payload until a retry maps it.</summary>
public sealed class DeadLetter
{
    public long Id { get; set; }
    public EventSource Source { get; set; }
    public required string Stream { get; set; }
    public required string RecordId { get; set; }
    /// <summary>Why it failed, written by the mapper or the engine; no personal data.</summary>
    public required string Reason { get; set; }
    /// <summary>The raw vendor payload (personal data: show only to callers allowed to see it).</summary>
    public required string Payload { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public int Attempts { get; set; }
    public bool Resolved { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}
