namespace CustomerTimeline.Api.Connectors.Sync;

/// <summary>
/// The customers each sync run of this process has touched and not refreshed yet. A run that ends hands a customer
/// another running sync still holds over to that run instead of computing it too: the other run refreshes it later,
/// after every page of this one (all committed before the hand-over), so a customer that several sources bring at
/// once is computed once, not once per source. Meanwhile its summary stays marked stale, which is durable: if the
/// other run dies first, the background worker computes it. Only a run's last refresh hands over: two long runs
/// handing the same customers to each other at their periodic refreshes would never compute them.
/// Singleton.
/// </summary>
public sealed class SyncRefreshRegistry
{
    private readonly Lock _gate = new();
    private readonly List<HashSet<long>> _runs = [];

    /// <summary>A run's pending set, until <see cref="Leave"/>.</summary>
    internal HashSet<long> Join()
    {
        var pending = new HashSet<long>();
        lock (_gate) _runs.Add(pending);
        return pending;
    }

    internal void Leave(HashSet<long> pending)
    {
        lock (_gate) _runs.Remove(pending);
    }

    /// <summary>Adds customers to a run's pending set; returns how many it holds.</summary>
    internal int Add(HashSet<long> pending, IEnumerable<long> customerIds)
    {
        lock (_gate)
        {
            pending.UnionWith(customerIds);
            return pending.Count;
        }
    }

    /// <summary>
    /// Empties a run's pending set and returns the customers it must refresh now: all of them, or with
    /// <paramref name="handOver"/> (the run is ending) those no other run holds. The check and the hand-over are one
    /// step, so a customer is never dropped by both runs.
    /// </summary>
    internal List<long> Take(HashSet<long> pending, bool handOver)
    {
        lock (_gate)
        {
            var mine = handOver
                ? pending.Where(id => !_runs.Any(other => !ReferenceEquals(other, pending) && other.Contains(id))).ToList()
                : [.. pending];
            pending.Clear();
            return mine;
        }
    }
}
