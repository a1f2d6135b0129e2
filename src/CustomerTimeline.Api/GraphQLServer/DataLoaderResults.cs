using GraphQL.DataLoader;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>
/// Composes batch-loader results without resolving them early, so sibling fields still share one batch. A source
/// already loaded (the level's batch ran, or the key was primed) is mapped on the spot, without an async state
/// machine per step: an agent context composes a few dozen.
/// </summary>
public static class DataLoaderResults
{
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> source, Func<T, CancellationToken, Task<TResult>> next) =>
        new Chained<T, TResult>(source, next);

    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> source, Func<T, TResult> next) =>
        new Mapped<T, TResult>(source, next);

    /// <summary>All results, in order, once awaited.</summary>
    public static IDataLoaderResult<IReadOnlyList<T>> All<T>(IReadOnlyList<IDataLoaderResult<T>> results) => new Joined<T>(results);

    /// <summary>The untyped view GraphQL.NET awaits, without a second state machine when the result is there.</summary>
    internal static Task<object?> Untyped<T>(Task<T> task) =>
        task.IsCompletedSuccessfully ? Task.FromResult<object?>(task.Result) : Box(task);

    private static async Task<object?> Box<T>(Task<T> task) => await task.ConfigureAwait(false);

    /// <summary>What an async method answers when its body throws: canceled for a cancellation, faulted otherwise.</summary>
    private static Task<T> Failed<T>(Exception error) => error is OperationCanceledException canceled
        ? Task.FromCanceled<T>(canceled.CancellationToken.IsCancellationRequested ? canceled.CancellationToken : new CancellationToken(true))
        : Task.FromException<T>(error);

    private sealed class Mapped<T, TResult>(IDataLoaderResult<T> source, Func<T, TResult> next) : IDataLoaderResult<TResult>
    {
        public Task<TResult> GetResultAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                var loading = source.GetResultAsync(cancellationToken);
                return loading.IsCompletedSuccessfully ? Task.FromResult(next(loading.Result)) : ThenAsync(loading);
            }
            catch (Exception e)
            {
                return Failed<TResult>(e);
            }
        }

        private async Task<TResult> ThenAsync(Task<T> loading) => next(await loading.ConfigureAwait(false));

        Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => Untyped(GetResultAsync(cancellationToken));
    }

    private sealed class Chained<T, TResult>(IDataLoaderResult<T> source, Func<T, CancellationToken, Task<TResult>> next) : IDataLoaderResult<TResult>
    {
        public Task<TResult> GetResultAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                var loading = source.GetResultAsync(cancellationToken);
                return loading.IsCompletedSuccessfully ? next(loading.Result, cancellationToken) : ThenAsync(loading, cancellationToken);
            }
            catch (Exception e)
            {
                return Failed<TResult>(e);
            }
        }

        private async Task<TResult> ThenAsync(Task<T> loading, CancellationToken cancellationToken) =>
            await next(await loading.ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => Untyped(GetResultAsync(cancellationToken));
    }

    private sealed class Joined<T>(IReadOnlyList<IDataLoaderResult<T>> results) : IDataLoaderResult<IReadOnlyList<T>>
    {
        public Task<IReadOnlyList<T>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                var list = new List<T>(results.Count);
                for (var i = 0; i < results.Count; i++)
                {
                    var loading = results[i].GetResultAsync(cancellationToken);
                    if (!loading.IsCompletedSuccessfully) return RestAsync(list, i, loading, cancellationToken);
                    list.Add(loading.Result);
                }
                return Task.FromResult<IReadOnlyList<T>>(list);
            }
            catch (Exception e)
            {
                return Failed<IReadOnlyList<T>>(e);
            }
        }

        private async Task<IReadOnlyList<T>> RestAsync(List<T> list, int index, Task<T> loading, CancellationToken cancellationToken)
        {
            list.Add(await loading.ConfigureAwait(false));
            for (var i = index + 1; i < results.Count; i++)
                list.Add(await results[i].GetResultAsync(cancellationToken).ConfigureAwait(false));
            return list;
        }

        Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => Untyped(GetResultAsync(cancellationToken));
    }
}
