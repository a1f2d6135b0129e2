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
    public void EventAdded(long customerId, long eventId) => Write(customerId, eventId);

    public void CustomerUpdated(long customerId) => Write(customerId, null);

    public IObservable<long> EventsAddedFor(long customerId) => local.EventsAddedFor(customerId);

    public IObservable<long> UpdatesFor(long customerId) => local.UpdatesFor(customerId);

    private void Write(long customerId, long? eventId)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        db.LiveNotifications.Add(new LiveNotification { CustomerId = customerId, EventId = eventId, CreatedAt = time.GetUtcNow() });
        db.SaveChanges();
    }
}
