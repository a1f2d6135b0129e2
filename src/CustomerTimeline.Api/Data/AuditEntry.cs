namespace CustomerTimeline.Api.Data;

/// <summary>
/// Who (tenant + object id) did what (operation, customer id) when, and how it ended. Holds identifiers only,
/// never the personal data that was read, exported or erased.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string? ActorTenantId { get; set; }
    public string? ActorObjectId { get; set; }
    public AuditOperation Operation { get; set; }
    public long? CustomerId { get; set; }
    public AuditOutcome Outcome { get; set; }
    public long? PrivacyRequestId { get; set; }
    public PrivacyRequest? PrivacyRequest { get; set; }
}
