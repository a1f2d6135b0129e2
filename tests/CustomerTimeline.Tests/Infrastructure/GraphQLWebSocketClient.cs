using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;

namespace CustomerTimeline.Tests.Infrastructure;

/// <summary>A minimal graphql-transport-ws client for tests: send JSON messages, read them back, see the close code.</summary>
public sealed class GraphQLWebSocketClient : IAsyncDisposable
{
    private readonly WebSocket _socket;

    private GraphQLWebSocketClient(WebSocket socket) => _socket = socket;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;
    public string? CloseDescription => _socket.CloseStatusDescription;

    /// <summary>Opens a socket offering <paramref name="protocol"/>, or no subprotocol at all when it is null.</summary>
    public static async Task<GraphQLWebSocketClient> ConnectAsync(TestServer server, string? protocol = "graphql-transport-ws")
    {
        var client = server.CreateWebSocketClient();
        if (protocol is not null) client.SubProtocols.Add(protocol);
        var uri = new UriBuilder(server.BaseAddress) { Scheme = "ws", Path = "/graphql" }.Uri;
        return new GraphQLWebSocketClient(await client.ConnectAsync(uri, CancellationToken.None));
    }

    public Task SendAsync(object message) => SendRawAsync(JsonSerializer.Serialize(message));

    public Task SendRawAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>connection_init with a full-access test token (browsers put the token here, not in a header).</summary>
    public async Task InitAsync(object? payload = null)
    {
        payload ??= new Dictionary<string, string> { ["Authorization"] = "Bearer " + TestTokens.Mint() };
        await SendAsync(new { type = "connection_init", payload });
        var ack = await ReceiveAsync();
        if (ack?["type"]?.GetValue<string>() != "connection_ack")
            throw new InvalidOperationException($"Expected connection_ack, got {ack?.ToJsonString() ?? $"close {CloseStatus}"}");
    }

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables } });

    /// <summary>The next message, or null once the server closed the socket.</summary>
    public async Task<JsonNode?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return JsonNode.Parse(message.ToArray());
        }
    }

    /// <summary>
    /// Publishes until a message arrives: a subscription attaches asynchronously after "subscribe", and an
    /// event published before that is (correctly) not delivered.
    /// </summary>
    public async Task<JsonNode?> ReceiveWhilePublishingAsync(Action publish)
    {
        var receive = ReceiveAsync(TimeSpan.FromSeconds(15));
        for (var i = 0; i < 100 && !receive.IsCompleted; i++)
        {
            publish();
            await Task.WhenAny(receive, Task.Delay(100));
        }
        return await receive;
    }

    /// <summary>Reads until the server closes, returning the close code.</summary>
    public async Task<int?> ReceiveCloseAsync()
    {
        while (await ReceiveAsync() is not null)
        {
        }
        return (int?)CloseStatus;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // Server already gone.
            }
        }
        _socket.Dispose();
    }
}
