using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Timeline;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;

namespace CustomerTimeline.Api.Relay;

public static class NodeQueries
{
    public static void AddNodeQueries(this ObjectGraphType query)
    {
        query.Field<NodeInterface>("node")
            .Description("Any object by its global id; null when it no longer exists. A merged customer's id gives null here, as a refetch must answer the object it names: customer(id:) follows merges.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(ctx => Load(ctx, ctx.GetArgument<string>("id")));

        query.Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description($"Several objects by global id, in the order asked (at most {PageArguments.MaxPageSize}).")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids")
            .Resolve(ctx =>
            {
                var ids = ctx.GetArgument<List<string>>("ids");
                if (ids.Count > PageArguments.MaxPageSize)
                    throw new UserInputError($"'ids' may hold at most {PageArguments.MaxPageSize} ids.");
                var loads = ids.Select(id => Load(ctx, id)).ToList();
                return new AllResults(loads);
            });
    }

    private static IDataLoaderResult<object?> Load(IResolveFieldContext ctx, string id)
    {
        if (!GlobalId.TryDecode(id, out var type, out var dbId))
            throw new UserInputError($"'{UserInputError.Excerpt(id)}' is not a valid id.");
        var services = ctx.RequestServices!;
        return type switch
        {
            GlobalId.CustomerType => new Untyped<Data.Customer?>(services.GetRequiredService<CustomerByIdLoader>().Load(dbId)),
            GlobalId.EventType => new Untyped<Data.TimelineEvent?>(services.GetRequiredService<EventByIdLoader>().Load(dbId)),
            _ => throw new UserInputError($"'{UserInputError.Excerpt(id)}' is not a valid id."),
        };
    }

    private sealed class Untyped<T>(IDataLoaderResult<T> inner) : IDataLoaderResult<object?>
    {
        public async Task<object?> GetResultAsync(CancellationToken cancellationToken = default) =>
            await inner.GetResultAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class AllResults(List<IDataLoaderResult<object?>> loads) : IDataLoaderResult<IReadOnlyList<object?>>
    {
        public async Task<IReadOnlyList<object?>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var results = new List<object?>(loads.Count);
            foreach (var load in loads)
                results.Add(await load.GetResultAsync(cancellationToken).ConfigureAwait(false));
            return results;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
