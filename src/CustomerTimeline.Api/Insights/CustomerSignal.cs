namespace CustomerTimeline.Api.Insights;

/// <summary>
/// A signal an automation rule raised on a customer, with the action it suggests. One open row per
/// (customer, key); when the rule stops matching the row is resolved, not deleted, so fatigue limits can
/// count past signals.
/// </summary>
public sealed class CustomerSignal
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    /// <summary>Identity of the signal for this customer (the rule id); re-evaluation updates the open row with this key.</summary>
    public required string Key { get; set; }
    public required string RuleId { get; set; }
    public required string Kind { get; set; }
    public SignalSeverity Severity { get; set; }
    public required string Reason { get; set; }
    /// <summary>Ids of the events that triggered it, comma-separated.</summary>
    public required string EventIds { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    /// <summary>When the newest triggering event happened.</summary>
    public DateTimeOffset TriggeredAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ActionKind { get; set; }
    public string? ActionTitle { get; set; }
    /// <summary>1 = do first.</summary>
    public int ActionPriority { get; set; }

    public IReadOnlyList<long> EventIdList() =>
        EventIds.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => long.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    /// <summary>The open signals that suggest an action, most important first.</summary>
    public static IReadOnlyList<CustomerSignal> NextBestActions(IReadOnlyList<CustomerSignal> openSignals) =>
        [.. openSignals.Where(s => s.ActionKind is not null)
            .OrderBy(s => s.ActionPriority).ThenByDescending(s => s.Severity).ThenByDescending(s => s.TriggeredAt)];
}
