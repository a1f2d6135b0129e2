using System.Net.WebSockets;
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
            await RefuseSubprotocolAsync(context);
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync(SubProtocol);
        var authenticator = context.RequestServices.GetRequiredService<IWebSocketAuthenticator>();
        var connection = new GraphQLWebSocketConnection(socket, context, options.Value, executer, serializer, authenticator,
            rateLimiter, time, loggers.CreateLogger<GraphQLWebSocketEndpoint>());
        await connection.RunAsync();
    }

    /// <summary>
    /// As the reference graphql-ws server does: accept without a subprotocol, then close with the protocol's own code,
    /// so a client learns why instead of seeing a failed upgrade.
    /// </summary>
    private static async Task RefuseSubprotocolAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await socket.CloseAsync(CloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable", timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client went away or did not answer the close: nothing more to tell it.
        }
    }
}
