using System.Collections.Concurrent;

namespace CustomerTimeline.Api.Live;

/// <summary>Fan-out of notifications to the subscribers of this process, keyed by customer.</summary>
public sealed class InProcessTimelineNotifier : ITimelineNotifier
{
    private readonly Topics _events = new();
    private readonly Topics _updates = new();

    public void EventAdded(long customerId, long eventId) => _events.Publish(customerId, eventId);

    public void CustomerUpdated(long customerId) => _updates.Publish(customerId, customerId);

    public IObservable<long> EventsAddedFor(long customerId) => new Topic(_events, customerId);

    public IObservable<long> UpdatesFor(long customerId) => new Topic(_updates, customerId);

    private sealed class Topics
    {
        private readonly ConcurrentDictionary<long, ImmutableObservers> _byCustomer = new();

        public void Publish(long customerId, long value)
        {
            if (!_byCustomer.TryGetValue(customerId, out var observers)) return;
            foreach (var observer in observers.Items)
                observer.OnNext(value);
        }

        public Unsubscriber Add(long customerId, IObserver<long> observer)
        {
            _byCustomer.AddOrUpdate(customerId, _ => new ImmutableObservers([observer]), (_, o) => new ImmutableObservers([.. o.Items, observer]));
            return new Unsubscriber(() =>
            {
                while (_byCustomer.TryGetValue(customerId, out var current))
                {
                    var rest = current.Items.Where(o => !ReferenceEquals(o, observer)).ToArray();
                    var done = rest.Length == 0
                        ? _byCustomer.TryRemove(new KeyValuePair<long, ImmutableObservers>(customerId, current))
                        : _byCustomer.TryUpdate(customerId, new ImmutableObservers(rest), current);
                    if (done) return;
                }
            });
        }
    }

    // Copy-on-write lists: publishing never locks and never sees a half-updated list.
    private sealed record ImmutableObservers(IObserver<long>[] Items);

    private sealed class Topic(Topics topics, long customerId) : IObservable<long>
    {
        public IDisposable Subscribe(IObserver<long> observer) => topics.Add(customerId, observer);
    }

    private sealed class Unsubscriber(Action action) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) action();
        }
    }
}
