using System.Collections.Concurrent;

namespace CustomerTimeline.Api.Live;

/// <summary>Fan-out of notifications to the subscribers of this process, keyed by customer.</summary>
public sealed class InProcessTimelineNotifier(TimeProvider time) : ITimelineNotifier
{
    private static readonly long RemovedMemoryMs = (long)TimeSpan.FromMinutes(10).TotalMilliseconds;

    // Removed customers, remembered for a while: a feed checks that its customer exists before it attaches, and a
    // removal published in between must still end it. Ids are never reused (AUTOINCREMENT, IDENTITY).
    private readonly ConcurrentDictionary<long, long> _removedAt = new();
    private long _nextPrune;
    private readonly Topics _events = new();
    private readonly Topics _updates = new();

    public void EventAdded(long customerId, long eventId) => _events.Publish(customerId, eventId);

    public void CustomerUpdated(long customerId) => _updates.Publish(customerId, customerId);

    public void CustomersRemoved(IReadOnlyCollection<long> customerIds)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var id in customerIds)
        {
            _removedAt[id] = now;
            _events.Complete(id);
            _updates.Complete(id);
        }
        // At most once a minute, so a sync merging thousands of customers does not scan the memory per page.
        var due = Interlocked.Read(ref _nextPrune);
        if (now < due || Interlocked.CompareExchange(ref _nextPrune, now + 60_000, due) != due) return;
        foreach (var (id, at) in _removedAt)
            if (now - at > RemovedMemoryMs) _removedAt.TryRemove(new KeyValuePair<long, long>(id, at));
    }

    public IObservable<long> EventsAddedFor(long customerId) => new Topic(_events, customerId, _removedAt);

    public IObservable<long> UpdatesFor(long customerId) => new Topic(_updates, customerId, _removedAt);

    private sealed class Topics
    {
        private readonly ConcurrentDictionary<long, ImmutableObservers> _byCustomer = new();

        public void Publish(long customerId, long value)
        {
            if (!_byCustomer.TryGetValue(customerId, out var observers)) return;
            foreach (var observer in observers.Items)
                observer.OnNext(value);
        }

        public void Complete(long customerId)
        {
            if (!_byCustomer.TryRemove(customerId, out var observers)) return;
            foreach (var observer in observers.Items)
                observer.OnCompleted();
        }

        public Unsubscriber Add(long customerId, IObserver<long> observer, ConcurrentDictionary<long, long> removedAt)
        {
            var once = new CompletesOnce(observer);
            _byCustomer.AddOrUpdate(customerId, _ => new ImmutableObservers([once]), (_, o) => new ImmutableObservers([.. o.Items, once]));
            var unsubscriber = new Unsubscriber(() => Remove(customerId, once));
            // Checked after adding: a removal either sees this observer in the list or is seen here.
            if (removedAt.ContainsKey(customerId))
            {
                unsubscriber.Dispose();
                once.OnCompleted();
            }
            return unsubscriber;
        }

        private void Remove(long customerId, IObserver<long> observer)
        {
            while (_byCustomer.TryGetValue(customerId, out var current))
            {
                var rest = current.Items.Where(o => !ReferenceEquals(o, observer)).ToArray();
                if (rest.Length == current.Items.Length) return;
                var done = rest.Length == 0
                    ? _byCustomer.TryRemove(new KeyValuePair<long, ImmutableObservers>(customerId, current))
                    : _byCustomer.TryUpdate(customerId, new ImmutableObservers(rest), current);
                if (done) return;
            }
        }
    }

    // Copy-on-write lists: publishing never locks and never sees a half-updated list.
    private sealed record ImmutableObservers(IObserver<long>[] Items);

    private sealed class Topic(Topics topics, long customerId, ConcurrentDictionary<long, long> removedAt) : IObservable<long>
    {
        public IDisposable Subscribe(IObserver<long> observer) => topics.Add(customerId, observer, removedAt);
    }

    /// <summary>A removal and a late subscription's own check may both complete it: the subscriber hears it once.</summary>
    private sealed class CompletesOnce(IObserver<long> inner) : IObserver<long>
    {
        private int _completed;

        public void OnNext(long value)
        {
            if (Volatile.Read(ref _completed) == 0) inner.OnNext(value);
        }

        public void OnError(Exception error) => inner.OnError(error);

        public void OnCompleted()
        {
            if (Interlocked.Exchange(ref _completed, 1) == 0) inner.OnCompleted();
        }
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
