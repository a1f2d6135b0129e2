using CustomerTimeline.Api.Security;
using GraphQL;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.GraphQLServer.WebSockets;

/// <summary>Accepts WebSocket upgrades on /graphql for the graphql-transport-ws subprotocol.</summary>
internal sealed class GraphQLWebSocketEndpoint(
    IDocumentExecuter<TimelineSchema> executer,
    IGraphQLTextSerializer serializer,
    IOptions<GraphQLWebSocketOptions> options,
    TimeProvider time,
    CallerRateLimiter rateLimiter,
    ILoggerFactory loggers)
{
    public const string SubProtocol = "graphql-transport-ws";

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol))
        {
            // The protocol's own code for this is a close code, but without an agreed subprotocol there is no socket yet.
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync($"WebSocket subprotocol '{SubProtocol}' is required.");
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync(SubProtocol);
        var authenticator = context.RequestServices.GetRequiredService<IWebSocketAuthenticator>();
        var connection = new GraphQLWebSocketConnection(socket, context, options.Value, executer, serializer, authenticator,
            rateLimiter, time, loggers.CreateLogger<GraphQLWebSocketEndpoint>());
        await connection.RunAsync();
    }
}
