using GraphQL.DataLoader;

namespace CustomerTimeline.Api.Relay;

/// <summary>A page of a Relay connection. The total is resolved only when a client selects it.</summary>
public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, PageInfo PageInfo, Func<IDataLoaderResult<int>> TotalCount);
