using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Generator;

/// <summary>
/// One generated customer with everything that belongs to it. Events are ordered by time; events and identities
/// have Id 0 (the database numbers them) and <see cref="Customer.Identities"/> is left empty.
/// </summary>
public sealed record GeneratedCustomer(
    Customer Customer,
    IReadOnlyList<CustomerIdentity> Identities,
    IReadOnlyList<TimelineEvent> Events,
    IReadOnlySet<PlantedPattern> Patterns);
