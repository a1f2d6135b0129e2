using GraphQL.Types;

namespace CustomerTimeline.Api.Relay;

public sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "An object with a globally unique, opaque id that `node(id)` can fetch again.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque global id.");
    }
}
