namespace CustomerTimeline.Api.Live;

/// <summary>
/// Publishes "something changed for customer X" to live subscribers. The in-process implementation serves
/// one instance; a backplane implementation relays between instances sharing a database.
/// </summary>
public interface ITimelineNotifier
{
    void EventAdded(long customerId, long eventId);

    void CustomerUpdated(long customerId);

    /// <summary>
    /// The customers are gone (erased, or merged into another): their feeds complete, and one opened later completes
    /// at once. Published after the commit, like everything else.
    /// </summary>
    void CustomersRemoved(IReadOnlyCollection<long> customerIds);

    /// <summary>Everything one committed write changed, published together (a backplane can relay it in one go).</summary>
    void Published(IReadOnlyList<(long CustomerId, long EventId)> addedEvents, IReadOnlyCollection<long> updatedCustomers)
    {
        ArgumentNullException.ThrowIfNull(addedEvents);
        ArgumentNullException.ThrowIfNull(updatedCustomers);
        foreach (var (customerId, eventId) in addedEvents) EventAdded(customerId, eventId);
        foreach (var customerId in updatedCustomers) CustomerUpdated(customerId);
    }

    IObservable<long> EventsAddedFor(long customerId);

    IObservable<long> UpdatesFor(long customerId);
}
