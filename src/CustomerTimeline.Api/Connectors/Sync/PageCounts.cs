namespace CustomerTimeline.Api.Connectors.Sync;

/// <summary>What writing one page did.</summary>
public sealed record PageCounts(
    int Records, int Inserted, int Updated, int Deleted, int PeopleApplied, int DuplicatesSkipped, int DeadLettered,
    int Suppressed, int CustomersCreated, int CustomersMerged);
