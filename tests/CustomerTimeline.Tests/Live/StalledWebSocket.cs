using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace CustomerTimeline.Tests.Live;

/// <summary>A client that sends what the test scripts and then stops reading: every send after the first few hangs.</summary>
internal sealed class StalledWebSocket(int sendsBeforeStall) : WebSocket
{
    private readonly Channel<string> _incoming = Channel.CreateUnbounded<string>();
    private WebSocketState _state = WebSocketState.Open;
    private int _sends;

    public int Sends => Volatile.Read(ref _sends);
    public WebSocketCloseStatus? ClosedWith { get; private set; }

    public void Script(string message) => _incoming.Writer.TryWrite(message);

    public override WebSocketCloseStatus? CloseStatus => ClosedWith;
    public override string? CloseStatusDescription => null;
    public override WebSocketState State => _state;
    public override string? SubProtocol => "graphql-transport-ws";

    public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        var text = await _incoming.Reader.ReadAsync(cancellationToken);
        var bytes = Encoding.UTF8.GetBytes(text);
        bytes.CopyTo(buffer.Array!, buffer.Offset);
        return new WebSocketReceiveResult(bytes.Length, WebSocketMessageType.Text, true);
    }

    public override async Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _sends) > sendsBeforeStall)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                _state = WebSocketState.Aborted;
                throw;
            }
        }
    }

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
    {
        ClosedWith = closeStatus;
        _state = WebSocketState.Closed;
        return Task.CompletedTask;
    }

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        CloseAsync(closeStatus, statusDescription, cancellationToken);

    public override void Abort() => _state = WebSocketState.Aborted;

    public override void Dispose() => _incoming.Writer.TryComplete();
}
