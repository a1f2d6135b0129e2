using GraphQL.DataLoader;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>Composes batch-loader results without resolving them early, so sibling fields still share one batch.</summary>
public static class DataLoaderResults
{
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> source, Func<T, CancellationToken, Task<TResult>> next) =>
        new Chained<TResult>(async ct => await next(await source.GetResultAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false));

    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> source, Func<T, TResult> next) =>
        new Chained<TResult>(async ct => next(await source.GetResultAsync(ct).ConfigureAwait(false)));

    /// <summary>All results, in order, once awaited.</summary>
    public static IDataLoaderResult<IReadOnlyList<T>> All<T>(IReadOnlyList<IDataLoaderResult<T>> results) =>
        new Chained<IReadOnlyList<T>>(async ct =>
        {
            var list = new List<T>(results.Count);
            foreach (var r in results) list.Add(await r.GetResultAsync(ct).ConfigureAwait(false));
            return list;
        });

    private sealed class Chained<T>(Func<CancellationToken, Task<T>> run) : IDataLoaderResult<T>
    {
        public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => run(cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await run(cancellationToken).ConfigureAwait(false);
    }
}
