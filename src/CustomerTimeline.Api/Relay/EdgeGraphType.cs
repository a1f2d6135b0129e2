using GraphQL.Types;

namespace CustomerTimeline.Api.Relay;

public abstract class EdgeGraphType<TNodeGraphType, T> : ObjectGraphType<Edge<T>>
    where TNodeGraphType : IGraphType
{
    protected EdgeGraphType(string nodeName)
    {
        Name = nodeName + "Edge";
        Field(e => e.Cursor).Description("Opaque position of this edge, for after/before.");
        Field<NonNullGraphType<TNodeGraphType>>("node").Resolve(ctx => ctx.Source.Node);
    }
}
