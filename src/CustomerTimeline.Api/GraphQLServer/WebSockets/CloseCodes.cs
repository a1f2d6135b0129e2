using System.Net.WebSockets;

namespace CustomerTimeline.Api.GraphQLServer.WebSockets;

/// <summary>The close codes of the graphql-transport-ws protocol (graphql-ws PROTOCOL.md), plus ours.</summary>
internal static class CloseCodes
{
    public const WebSocketCloseStatus BadRequest = (WebSocketCloseStatus)4400;
    public const WebSocketCloseStatus Unauthorized = (WebSocketCloseStatus)4401;
    public const WebSocketCloseStatus Forbidden = (WebSocketCloseStatus)4403;
    public const WebSocketCloseStatus SubprotocolNotAcceptable = (WebSocketCloseStatus)4406;
    public const WebSocketCloseStatus InitTimeout = (WebSocketCloseStatus)4408;
    public const WebSocketCloseStatus SubscriberExists = (WebSocketCloseStatus)4409;
    /// <summary>Ours: the client read too slowly and its bounded queue overflowed.</summary>
    public const WebSocketCloseStatus TooSlow = (WebSocketCloseStatus)4413;
    public const WebSocketCloseStatus TooManyInitRequests = (WebSocketCloseStatus)4429;
}
