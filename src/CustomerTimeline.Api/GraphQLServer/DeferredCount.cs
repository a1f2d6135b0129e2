using GraphQL.DataLoader;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>A count run only if and when GraphQL.NET awaits it, after the rest of its level resolved.</summary>
public sealed class DeferredCount(Func<CancellationToken, Task<int>> count) : IDataLoaderResult<int>
{
    public Task<int> GetResultAsync(CancellationToken cancellationToken = default) => count(cancellationToken);

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
        await count(cancellationToken).ConfigureAwait(false);
}
