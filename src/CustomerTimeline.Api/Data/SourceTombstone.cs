namespace CustomerTimeline.Api.Data;

/// <summary>
/// Remembers that a source deleted a record, so an older update replayed after the deletion cannot bring
/// the event back. A newer update (the record re-created at the source) removes the tombstone.
/// </summary>
public sealed class SourceTombstone
{
    public long Id { get; set; }
    public EventSource Source { get; set; }
    public required string SourceRecordId { get; set; }
    /// <summary>The deletion's source time.</summary>
    public DateTimeOffset DeletedAt { get; set; }
}
