using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Live;

/// <summary>
/// Backplane for instances sharing one database: a notification becomes a row; every instance's
/// <see cref="LiveNotificationPoller"/> reads new rows and fans them out to its own subscribers (this one's too,
/// so every instance sees the same order).
/// </summary>
public sealed class DatabaseTimelineNotifier(IServiceScopeFactory scopes, InProcessTimelineNotifier local, TimeProvider time)
    : ITimelineNotifier
{
    public void EventAdded(long customerId, long eventId) => Write([(customerId, eventId)]);

    public void CustomerUpdated(long customerId) => Write([(customerId, null)]);

    public void CustomersRemoved(IReadOnlyCollection<long> customerIds)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        Write([.. customerIds.Select(c => (c, (long?)null))], removed: true);
    }

    public void Published(IReadOnlyList<(long CustomerId, long EventId)> addedEvents, IReadOnlyCollection<long> updatedCustomers)
    {
        ArgumentNullException.ThrowIfNull(addedEvents);
        ArgumentNullException.ThrowIfNull(updatedCustomers);
        Write([.. addedEvents.Select(a => (a.CustomerId, (long?)a.EventId)), .. updatedCustomers.Select(c => (c, (long?)null))]);
    }

    public IObservable<long> EventsAddedFor(long customerId) => local.EventsAddedFor(customerId);

    public IObservable<long> UpdatesFor(long customerId) => local.UpdatesFor(customerId);

    // One insert batch per call: a page's notifications cost one round trip, not one per event.
    private void Write(IReadOnlyList<(long CustomerId, long? EventId)> notices, bool removed = false)
    {
        if (notices.Count == 0) return;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        var now = time.GetUtcNow();
        db.LiveNotifications.AddRange(notices.Select(n => new LiveNotification { CustomerId = n.CustomerId, EventId = n.EventId, CustomerRemoved = removed, CreatedAt = now }));
        db.SaveChanges();
    }
}
