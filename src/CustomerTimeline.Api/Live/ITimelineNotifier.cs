namespace CustomerTimeline.Api.Live;

/// <summary>
/// Publishes "something changed for customer X" to live subscribers. The in-process implementation serves
/// one instance; a backplane implementation relays between instances sharing a database.
/// </summary>
public interface ITimelineNotifier
{
    void EventAdded(long customerId, long eventId);

    void CustomerUpdated(long customerId);

    IObservable<long> EventsAddedFor(long customerId);

    IObservable<long> UpdatesFor(long customerId);
}
