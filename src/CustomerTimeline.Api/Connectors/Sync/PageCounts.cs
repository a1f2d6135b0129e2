namespace CustomerTimeline.Api.Connectors.Sync;

/// <summary>What writing one page did.</summary>
public sealed record PageCounts(
    int Records, int Inserted, int Updated, int Deleted, int PeopleApplied, int DuplicatesSkipped, int DeadLettered,
    int Suppressed, int CustomersCreated, int CustomersMerged)
{
    /// <summary>Customers whose timeline or profile this page changed (for insights and live updates).</summary>
    public IReadOnlyCollection<long> ChangedCustomers { get; init; } = [];

    /// <summary>Events this page added, as (customer, event) ids.</summary>
    public IReadOnlyList<(long CustomerId, long EventId)> AddedEvents { get; init; } = [];

    /// <summary>Customers this page merged into others: gone once it commits.</summary>
    public IReadOnlyCollection<long> RemovedCustomers { get; init; } = [];
}
