namespace CustomerTimeline.Api.Data;

/// <summary>
/// One customer folded into another, and why: a record (<see cref="Source"/>, <see cref="RecordId"/>) carried
/// a key of the merged customer and a key of the survivor. Key values are stored masked, never in clear.
/// </summary>
public sealed class MergeRecord
{
    public long Id { get; set; }
    /// <summary>The customer that now holds everything (updated when the survivor is merged in turn).</summary>
    public long SurvivorCustomerId { get; set; }
    public Customer? SurvivorCustomer { get; set; }
    /// <summary>The id the merged customer had; that row no longer exists.</summary>
    public long MergedCustomerId { get; set; }
    /// <summary>The merged customer's key found in the triggering record.</summary>
    public IdentityKind MatchedKeyKind { get; set; }
    public required string MatchedKeyMasked { get; set; }
    /// <summary>The survivor's key found in the same record.</summary>
    public IdentityKind SurvivorKeyKind { get; set; }
    public required string SurvivorKeyMasked { get; set; }
    public EventSource Source { get; set; }
    public required string RecordId { get; set; }
    public DateTimeOffset MergedAt { get; set; }
}
