namespace CustomerTimeline.Api.Data;

/// <summary>
/// A PII read on its way into the audit log (<see cref="AuditEntry"/>). The journal has no index but its key, so
/// taking a read in appends to its last page; the audit table's indexes, where a read lands on a random page of
/// the customer index, are written once per fold of many reads instead of once per read.
/// </summary>
public sealed class PiiReadJournalEntry
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string? ActorTenantId { get; set; }
    public string? ActorObjectId { get; set; }
    public long CustomerId { get; set; }
}
