using GraphQL.DataLoader;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>
/// Collects keys while GraphQL.NET resolves one level of the tree, then fetches them in one call the first
/// time any of their results is awaited. Results are cached for the request. One instance per request.
/// A level with a single key (the agent console's one customer) goes to <paramref name="fetchOne"/> when given:
/// a compiled one-key query skips the per-call translation of the batch query over a key list.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch,
    TValue missing,
    Func<TKey, CancellationToken, Task<TValue>>? fetchOne = null)
    where TKey : notnull
{
    private readonly Dictionary<TKey, TaskCompletionSource<TValue>> _results = [];
    // Values read by another query, kept as they are: a page primes ~50 events and the request loads a few of them.
    private Dictionary<TKey, TValue>? _primed;
    private readonly List<TKey> _pending = [];
    private readonly Lock _gate = new();

    public IDataLoaderResult<TValue> Load(TKey key)
    {
        lock (_gate)
        {
            if (!_results.TryGetValue(key, out var source))
            {
                if (_primed is not null && _primed.TryGetValue(key, out var value)) return new Result(this, Task.FromResult(value));
                source = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
                _results.Add(key, source);
                _pending.Add(key);
            }
            return new Result(this, source.Task);
        }
    }

    /// <summary>
    /// A value another query of this request already read (an event of a timeline page, say): a later load of the
    /// key is answered from it instead of the database. A key already loaded or pending keeps its own result.
    /// </summary>
    public void Prime(TKey key, TValue value)
    {
        lock (_gate)
        {
            if (_results.ContainsKey(key)) return;
            (_primed ??= []).TryAdd(key, value);
        }
    }

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        TKey[] keys;
        lock (_gate)
        {
            if (_pending.Count == 0) return;
            keys = [.. _pending];
            _pending.Clear();
        }

        try
        {
            if (keys.Length == 1 && fetchOne is not null)
            {
                _results[keys[0]].TrySetResult(await fetchOne(keys[0], cancellationToken).ConfigureAwait(false));
                return;
            }
            var found = await fetch(keys, cancellationToken).ConfigureAwait(false);
            foreach (var key in keys)
                _results[key].TrySetResult(found.TryGetValue(key, out var value) ? value : missing);
        }
        catch (Exception e)
        {
            foreach (var key in keys)
                _results[key].TrySetException(e);
            throw;
        }
    }

    private sealed class Result(BatchLoader<TKey, TValue> owner, Task<TValue> task) : IDataLoaderResult<TValue>
    {
        // A loaded key answers its task itself: no state machine for the level's later fields.
        public Task<TValue> GetResultAsync(CancellationToken cancellationToken = default) =>
            task.IsCompleted ? task : DispatchThenAwaitAsync(cancellationToken);

        private async Task<TValue> DispatchThenAwaitAsync(CancellationToken cancellationToken)
        {
            await owner.DispatchAsync(cancellationToken).ConfigureAwait(false);
            return await task.ConfigureAwait(false);
        }

        Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            DataLoaderResults.Untyped(GetResultAsync(cancellationToken));
    }
}
