namespace CustomerTimeline.Api.Journey;

/// <summary>
/// The persisted checkpoint of re-classifying every customer against one map version: customers are processed
/// in id order and <see cref="LastCustomerId"/> moves forward in the same transaction as each batch, so a restart
/// resumes where the previous run stopped.
/// </summary>
public sealed class JourneyReclassification
{
    public int MapVersion { get; set; }
    public long LastCustomerId { get; set; }
    public long ProcessedCustomers { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Set when a pass found no customer left; customers added later are picked up after it.</summary>
    public DateTimeOffset? CompletedAt { get; set; }
}
