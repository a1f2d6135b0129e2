using System.Text.Json;

namespace CustomerTimeline.Api.GraphQLServer.WebSockets;

/// <summary>
/// Turns the connection_init payload (browsers cannot set headers on a WebSocket, so the token travels
/// there) into the caller's identity and its end; null refuses the connection with 4403.
/// </summary>
public interface IWebSocketAuthenticator
{
    Task<WebSocketCaller?> AuthenticateAsync(HttpContext context, JsonElement? payload, CancellationToken cancellationToken);
}
