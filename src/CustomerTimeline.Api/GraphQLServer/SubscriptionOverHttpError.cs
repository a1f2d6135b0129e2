using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace CustomerTimeline.Api.GraphQLServer;

internal sealed class SubscriptionOverHttpError : ValidationError
{
    public SubscriptionOverHttpError(ROM source, ASTNode node)
        : base(source, null!, "Subscriptions are served over a WebSocket at this endpoint (the graphql-transport-ws protocol, as the npm graphql-ws client speaks it); send queries and mutations over HTTP.", node)
    {
        Code = "SUBSCRIPTION_NEEDS_WEBSOCKET";
    }
}
