using CustomerTimeline.Api.Live;

namespace CustomerTimeline.Tests.Live;

/// <summary>The in-process notifier, counting the customerUpdated feeds attached to it: tests see when one ends.</summary>
public sealed class CountingNotifier(ITimelineNotifier inner) : ITimelineNotifier
{
    private int _active;

    public int ActiveUpdateFeeds => Volatile.Read(ref _active);

    public void EventAdded(long customerId, long eventId) => inner.EventAdded(customerId, eventId);

    public void CustomerUpdated(long customerId) => inner.CustomerUpdated(customerId);

    public void CustomersRemoved(IReadOnlyCollection<long> customerIds) => inner.CustomersRemoved(customerIds);

    public IObservable<long> EventsAddedFor(long customerId) => inner.EventsAddedFor(customerId);

    public IObservable<long> UpdatesFor(long customerId) => new Counted(this, inner.UpdatesFor(customerId));

    private sealed class Counted(CountingNotifier owner, IObservable<long> source) : IObservable<long>
    {
        public IDisposable Subscribe(IObserver<long> observer)
        {
            Interlocked.Increment(ref owner._active);
            return new Unsubscribe(owner, source.Subscribe(observer));
        }
    }

    private sealed class Unsubscribe(CountingNotifier owner, IDisposable inner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            inner.Dispose();
            Interlocked.Decrement(ref owner._active);
        }
    }
}
