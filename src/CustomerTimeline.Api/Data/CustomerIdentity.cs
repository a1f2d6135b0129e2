namespace CustomerTimeline.Api.Data;

/// <summary>
/// One deterministic key that points at a customer. (Kind, Value) is unique, so a key can never
/// belong to two customers; Source records which system first brought it.
/// </summary>
public sealed class CustomerIdentity
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public IdentityKind Kind { get; set; }
    /// <summary>Normalized value: lower-cased trimmed email, E.164 phone, or the vendor's id as given.</summary>
    public required string Value { get; set; }
    public EventSource Source { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
}
