using CustomerTimeline.Api.Live;
using GraphQL.Types;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>The subscription root, served over WebSocket (graphql-transport-ws).</summary>
public sealed class SubscriptionGraphType : ObjectGraphType
{
    public SubscriptionGraphType()
    {
        Name = "Subscription";
        this.AddLiveSubscriptions();
    }
}
