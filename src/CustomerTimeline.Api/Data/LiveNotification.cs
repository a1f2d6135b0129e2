namespace CustomerTimeline.Api.Data;

/// <summary>A live-update notice relayed between API instances that share the database (the polling backplane).</summary>
public sealed class LiveNotification
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    /// <summary>The added event; null for "customer updated".</summary>
    public long? EventId { get; set; }
    /// <summary>The customer is gone (erased or merged into another): its feeds complete.</summary>
    public bool CustomerRemoved { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
