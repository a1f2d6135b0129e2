using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Generator;

/// <summary>One generated customer with everything that belongs to it; events are ordered by time and have Id 0.</summary>
public sealed record GeneratedCustomer(
    Customer Customer,
    IReadOnlyList<CustomerIdentity> Identities,
    IReadOnlyList<TimelineEvent> Events,
    IReadOnlySet<PlantedPattern> Patterns);
