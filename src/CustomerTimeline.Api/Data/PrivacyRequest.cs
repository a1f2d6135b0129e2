namespace CustomerTimeline.Api.Data;

/// <summary>
/// One export or erasure asked for a customer, and how it ended. CustomerId is deliberately not a foreign
/// key: the request outlives the customer it erased.
/// </summary>
public sealed class PrivacyRequest
{
    public long Id { get; set; }
    public PrivacyRequestKind Kind { get; set; }
    public long CustomerId { get; set; }
    public PrivacyRequestStatus Status { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>Entra ID tenant of the caller who asked.</summary>
    public string? RequestedByTenantId { get; set; }
    /// <summary>Entra ID object id of the caller who asked (never a name or an email).</summary>
    public string? RequestedByObjectId { get; set; }
}
