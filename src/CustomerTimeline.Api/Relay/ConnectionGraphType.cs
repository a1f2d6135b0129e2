using GraphQL.Types;

namespace CustomerTimeline.Api.Relay;

/// <summary>Relay connection shape shared by every paged list; each list declares a sealed subclass.</summary>
public abstract class ConnectionGraphType<TNodeGraphType, TEdgeGraphType, T> : ObjectGraphType<Connection<T>>
    where TNodeGraphType : IGraphType
    where TEdgeGraphType : IGraphType
{
    protected ConnectionGraphType(string nodeName)
    {
        Name = nodeName + "Connection";
        Description = $"A page of {nodeName} items.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TEdgeGraphType>>>>("edges")
            .Resolve(ctx => ctx.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeGraphType>>>>("nodes")
            .Description("The nodes of the edges, for clients that need no cursors.")
            .Resolve(ctx => ctx.Source.Edges.Select(e => e.Node));
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo").Resolve(ctx => ctx.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("Items in the whole list, ignoring paging (filters apply).")
            .Resolve(ctx => ctx.Source.TotalCount());
    }
}
