using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using CustomerTimeline.Api.Security;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.GraphQLServer.WebSockets;

/// <summary>
/// One client speaking graphql-transport-ws: connection_init/ack, subscribe/next/error/complete, ping/pong.
/// A single writer loop owns the socket's send side; everything else queues messages for it.
/// </summary>
internal sealed partial class GraphQLWebSocketConnection(
    WebSocket socket,
    HttpContext http,
    GraphQLWebSocketOptions options,
    IDocumentExecuter<TimelineSchema> executer,
    IGraphQLTextSerializer serializer,
    IWebSocketAuthenticator authenticator,
    CallerRateLimiter rateLimiter,
    TimeProvider time,
    ILogger logger)
{
    private readonly Channel<string> _outbox = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, IDisposable> _operations = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
    private int _queued;
    private int _initReceived;
    private volatile bool _acknowledged;
    private ClaimsPrincipal? _user;
    private string _rateLimitKey = "";
    private DateTimeOffset? _validUntil;
    private Task _expiry = Task.CompletedTask;
    private (WebSocketCloseStatus Status, string Reason)? _close;

    public async Task RunAsync()
    {
        var writer = Task.Run(WriteLoopAsync);
        var initTimeout = InitTimeoutAsync();
        var keepAlive = KeepAliveAsync();
        try
        {
            await ReadLoopAsync();
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            LogSocketEnded(logger, e);
        }
        finally
        {
            RequestClose(WebSocketCloseStatus.NormalClosure, "Bye");
            foreach (var op in _operations.Values) op.Dispose();
            _operations.Clear();
            await writer.ConfigureAwait(false);
            await _lifetime.CancelAsync();
            await Task.WhenAll(initTimeout, keepAlive, _expiry).ConfigureAwait(false);
            _lifetime.Dispose();
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open && _close is null)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), _lifetime.Token);
                if (result.MessageType == WebSocketMessageType.Close) return;
                if (message.Length + result.Count > options.MaxMessageBytes)
                {
                    RequestClose(WebSocketCloseStatus.MessageTooBig, "Message too big");
                    return;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                if (result.MessageType != WebSocketMessageType.Text)
                {
                    RequestClose(CloseCodes.BadRequest, "Invalid message received");
                    return;
                }
                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                await HandleAsync(text);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task HandleAsync(string text)
    {
        string? type, id;
        JsonElement? payload;
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String)
                throw new JsonException("type");
            type = t.GetString();
            id = root.TryGetProperty("id", out var i) ? (i.ValueKind == JsonValueKind.String ? i.GetString() : throw new JsonException("id")) : null;
            payload = root.TryGetProperty("payload", out var p) && p.ValueKind != JsonValueKind.Null ? p.Clone() : null;
        }
        catch (JsonException)
        {
            RequestClose(CloseCodes.BadRequest, "Invalid message received");
            return;
        }

        switch (type)
        {
            case "connection_init":
                await InitAsync(payload);
                break;
            case "ping":
                Send("""{"type":"pong"}""");
                break;
            case "pong":
                break;
            case "subscribe":
                await SubscribeAsync(id, payload);
                break;
            case "complete":
                if (id is not null && _operations.TryRemove(id, out var op)) op.Dispose();
                break;
            default:
                RequestClose(CloseCodes.BadRequest, "Invalid message received");
                break;
        }
    }

    private async Task InitAsync(JsonElement? payload)
    {
        if (Interlocked.Exchange(ref _initReceived, 1) == 1)
        {
            RequestClose(CloseCodes.TooManyInitRequests, "Too many initialisation requests");
            return;
        }
        if (payload is { } p && p.ValueKind != JsonValueKind.Object)
        {
            RequestClose(CloseCodes.BadRequest, "Invalid message received");
            return;
        }
        var caller = await authenticator.AuthenticateAsync(http, payload, _lifetime.Token);
        if (caller is null)
        {
            RequestClose(CloseCodes.Forbidden, "Forbidden");
            return;
        }
        _user = caller.User;
        _rateLimitKey = CallerRateLimiter.KeyOf(
            Caller.From(_user, http.RequestServices.GetRequiredService<IOptions<TimelineAuthOptions>>().Value), http);
        if (caller.ValidUntil is { } until)
        {
            _validUntil = until;
            _expiry = ExpireAtAsync(until);
        }
        _acknowledged = true;
        Send("""{"type":"connection_ack"}""");
    }

    private async Task SubscribeAsync(string? id, JsonElement? payload)
    {
        if (!_acknowledged)
        {
            RequestClose(CloseCodes.Unauthorized, "Unauthorized");
            return;
        }
        // The expiry timer may not have fired yet: an operation is never started on an expired token.
        if (_validUntil is { } until && time.GetUtcNow() >= until)
        {
            Expire();
            return;
        }
        if (string.IsNullOrEmpty(id) || id.Length > 128 || payload is not { ValueKind: JsonValueKind.Object } body)
        {
            RequestClose(CloseCodes.BadRequest, "Invalid message received");
            return;
        }
        GraphQLRequest? request;
        try
        {
            request = serializer.Deserialize<GraphQLRequest>(body.GetRawText());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException)
        {
            request = null;
        }
        if (request is null || string.IsNullOrWhiteSpace(request.Query))
        {
            RequestClose(CloseCodes.BadRequest, "Invalid message received");
            return;
        }

        var operation = new Operation();
        if (!_operations.TryAdd(id, operation))
        {
            RequestClose(CloseCodes.SubscriberExists, $"Subscriber for {id} already exists");
            return;
        }
        if (_close is not null)
        {
            // Closing (the token expired meanwhile): the sweep of running operations may have missed this one.
            Finish(id, operation);
            return;
        }
        // Each operation counts against the caller's budget, the very window its HTTP requests take from.
        using (var lease = await rateLimiter.AcquireAsync(_rateLimitKey, _lifetime.Token))
        {
            if (!lease.IsAcquired)
            {
                Finish(id, operation);
                var seconds = RateLimiting.RetryAfterSeconds(lease, http.RequestServices);
                SendErrors(id, [new ExecutionError(RateLimiting.RejectedMessage(seconds)) { Code = RateLimiting.RejectedCode }]);
                return;
            }
        }
        if (_operations.Count > options.MaxSubscriptionsPerConnection)
        {
            Finish(id, operation);
            SendErrors(id, [new ExecutionError($"At most {options.MaxSubscriptionsPerConnection} operations may run on one connection.") { Code = "TOO_MANY_OPERATIONS" }]);
            return;
        }

        // Runs off the read loop, so pings and completes keep flowing while it executes.
        _ = Task.Run(() => ExecuteAsync(id, request, operation));
    }

    private async Task ExecuteAsync(string id, GraphQLRequest request, Operation operation)
    {
        var scope = http.RequestServices.CreateAsyncScope();
        operation.Attach(scope);
        try
        {
            var result = await executer.ExecuteAsync(new ExecutionOptions
            {
                Query = request.Query,
                OperationName = request.OperationName,
                Variables = request.Variables,
                Extensions = request.Extensions,
                RequestServices = scope.ServiceProvider,
                User = _user,
                CancellationToken = operation.Token,
            });

            if (result.Streams is { Count: > 0 } streams)
            {
                operation.Attach(streams.Values.First().Subscribe(new StreamObserver(this, id, operation)));
                return;
            }
            // The client may have completed it meanwhile (and reused its id): then its result is not sent.
            if (!operation.Token.IsCancellationRequested)
            {
                if (!result.Executed)
                {
                    SendErrors(id, result.Errors ?? []);
                }
                else
                {
                    SendNext(id, result);
                    SendComplete(id);
                }
            }
            Finish(id, operation);
        }
        catch (OperationCanceledException) when (operation.Token.IsCancellationRequested)
        {
            // The client completed the operation or went away.
        }
    }

    /// <summary>Removes this very operation: the id may already name a newer one, which must stay.</summary>
    private void Finish(string id, Operation operation)
    {
        if (_operations.TryRemove(KeyValuePair.Create(id, (IDisposable)operation))) operation.Dispose();
    }

    private void SendNext(string id, ExecutionResult result) =>
        Send($$"""{"id":{{JsonSerializer.Serialize(id)}},"type":"next","payload":{{serializer.Serialize(result)}}}""");

    private void SendComplete(string id) =>
        Send($$"""{"id":{{JsonSerializer.Serialize(id)}},"type":"complete"}""");

    private void SendErrors(string id, IEnumerable<ExecutionError> errors)
    {
        using var doc = JsonDocument.Parse(serializer.Serialize(new ExecutionResult { Errors = [.. errors], Executed = false }));
        var list = doc.RootElement.TryGetProperty("errors", out var e) ? e.GetRawText() : "[]";
        Send($$"""{"id":{{JsonSerializer.Serialize(id)}},"type":"error","payload":{{list}}}""");
    }

    private void Send(string json)
    {
        if (_close is not null) return;
        if (Interlocked.Increment(ref _queued) > options.MaxQueuedMessages)
        {
            LogTooSlow(logger, options.MaxQueuedMessages);
            RequestClose(CloseCodes.TooSlow, "Client too slow: message queue full");
            // A send may be stuck on a client that stopped reading: abort it rather than wait.
            try
            {
                _lifetime.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The connection already ended.
            }
            return;
        }
        _outbox.Writer.TryWrite(json);
    }

    private void RequestClose(WebSocketCloseStatus status, string reason)
    {
        lock (_outbox)
        {
            if (_close is not null) return;
            _close = (status, reason);
        }
        _outbox.Writer.TryComplete();
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            var reader = _outbox.Reader;
            while (await reader.WaitToReadAsync(_lifetime.Token))
            {
                while (_close is null && reader.TryRead(out var json))
                {
                    Interlocked.Decrement(ref _queued);
                    await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, _lifetime.Token);
                }
                if (_close is not null) break;
            }
            if (_close is { } close && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
                await socket.CloseAsync(close.Status, close.Reason, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            LogSocketEnded(logger, e);
        }
        finally
        {
            if (socket.State == WebSocketState.Open) _lifetime.Cancel();
        }
    }

    private async Task InitTimeoutAsync()
    {
        try
        {
            await Task.Delay(options.ConnectionInitTimeout, time, _lifetime.Token);
            if (Volatile.Read(ref _initReceived) == 0)
                RequestClose(CloseCodes.InitTimeout, "Connection initialisation timeout");
        }
        catch (OperationCanceledException)
        {
            // Connection ended first.
        }
    }

    /// <summary>
    /// Ends the connection when its token would no longer be accepted over HTTP. 4403, as graphql-ws clients then
    /// reconnect with fresh connectionParams (a new token).
    /// </summary>
    private async Task ExpireAtAsync(DateTimeOffset until)
    {
        try
        {
            // In steps of at most an hour: Task.Delay takes no more than ~49 days, and the clock is read again after each.
            TimeSpan left;
            while ((left = until - time.GetUtcNow()) > TimeSpan.Zero)
                await Task.Delay(left < TimeSpan.FromHours(1) ? left : TimeSpan.FromHours(1), time, _lifetime.Token);
            Expire();
        }
        catch (OperationCanceledException)
        {
            // Connection ended first.
        }
    }

    private void Expire()
    {
        if (_close is null) LogTokenExpired(logger);
        // Closing first: nothing queued from now on is sent, so no "next" goes out on the expired token.
        RequestClose(CloseCodes.Forbidden, "Forbidden: the token expired");
        // Running subscriptions end now, not when (or if) the client answers the close.
        foreach (var op in _operations)
        {
            if (_operations.TryRemove(op)) op.Value.Dispose();
        }
    }

    private async Task KeepAliveAsync()
    {
        if (options.KeepAliveInterval <= TimeSpan.Zero) return;
        try
        {
            using var timer = new PeriodicTimer(options.KeepAliveInterval, time);
            while (await timer.WaitForNextTickAsync(_lifetime.Token))
            {
                if (_acknowledged) Send("""{"type":"ping"}""");
            }
        }
        catch (OperationCanceledException)
        {
            // Connection ended.
        }
    }

    /// <summary>A running operation: its cancellation, its DI scope and its stream subscription.</summary>
    private sealed class Operation : IDisposable
    {
        private readonly CancellationTokenSource _cts = new();
        private readonly List<object> _owned = [];

        public CancellationToken Token => _cts.Token;

        public void Attach(object owned)
        {
            lock (_owned)
            {
                if (_cts.IsCancellationRequested) Release(owned);
                else _owned.Add(owned);
            }
        }

        public void Dispose()
        {
            lock (_owned)
            {
                if (_cts.IsCancellationRequested) return;
                _cts.Cancel();
                foreach (var o in Enumerable.Reverse(_owned)) Release(o);
                _owned.Clear();
            }
        }

        private static void Release(object owned)
        {
            switch (owned)
            {
                case IAsyncDisposable a: _ = a.DisposeAsync().AsTask(); break;
                case IDisposable d: d.Dispose(); break;
            }
        }
    }

    /// <summary>Sends one subscription's events while the client has not completed it.</summary>
    private sealed class StreamObserver(GraphQLWebSocketConnection connection, string id, Operation operation) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value)
        {
            if (!operation.Token.IsCancellationRequested) connection.SendNext(id, value);
        }

        public void OnError(Exception error)
        {
            if (!operation.Token.IsCancellationRequested)
                connection.SendErrors(id, [error as ExecutionError ?? new ExecutionError("The event stream failed.") { Code = "INTERNAL_SERVER_ERROR" }]);
            connection.Finish(id, operation);
        }

        public void OnCompleted()
        {
            if (!operation.Token.IsCancellationRequested) connection.SendComplete(id);
            connection.Finish(id, operation);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "GraphQL WebSocket ended")]
    private static partial void LogSocketEnded(ILogger logger, Exception reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closing a GraphQL WebSocket whose token expired")]
    private static partial void LogTokenExpired(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing a GraphQL WebSocket whose client fell {Limit} messages behind")]
    private static partial void LogTooSlow(ILogger logger, int limit);
}
