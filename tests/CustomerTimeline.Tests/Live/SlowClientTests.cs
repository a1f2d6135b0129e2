using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.GraphQLServer.WebSockets;
using CustomerTimeline.Api.Live;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Api.Security;
using CustomerTimeline.Tests.Infrastructure;
using GraphQL;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerTimeline.Tests.Live;

public sealed class SlowClientTests(SampleApiFixture fixture) : IClassFixture<SampleApiFixture>
{
    [Fact]
    public async Task A_client_that_stops_reading_is_disconnected_instead_of_buffering_forever()
    {
        var services = fixture.Factory.Services;
        var socket = new StalledWebSocket(sendsBeforeStall: 1); // the ack goes out, then the client stops reading
        var options = new GraphQLWebSocketOptions { MaxQueuedMessages = 5, KeepAliveInterval = TimeSpan.Zero };
        var http = new DefaultHttpContext { RequestServices = services };
        var connection = new GraphQLWebSocketConnection(socket, http, options,
            services.GetRequiredService<IDocumentExecuter<TimelineSchema>>(), services.GetRequiredService<IGraphQLTextSerializer>(),
            new AcceptEveryone(), services.GetRequiredService<CallerRateLimiter>(), TimeProvider.System, NullLogger.Instance);

        socket.Script("""{"type":"connection_init"}""");
        var customer = GlobalId.Encode(GlobalId.CustomerType, 1);
        socket.Script("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { customerUpdated(customerId: \\\"" + customer + "\\\") { displayName } }\"}}");
        var run = connection.RunAsync();

        var notifier = services.GetRequiredService<ITimelineNotifier>();
        for (var i = 0; i < 2_000 && !run.IsCompleted; i++)
        {
            notifier.CustomerUpdated(1);
            if (i % 20 == 0) await Task.Delay(10);
        }

        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(10)));
        finished.ShouldBe(run, "the connection should end once its queue overflows");
        socket.Sends.ShouldBeLessThanOrEqualTo(2);
    }

    private sealed class AcceptEveryone : IWebSocketAuthenticator
    {
        public Task<WebSocketCaller?> AuthenticateAsync(HttpContext context, System.Text.Json.JsonElement? payload, CancellationToken cancellationToken) =>
            Task.FromResult<WebSocketCaller?>(new WebSocketCaller(new System.Security.Claims.ClaimsPrincipal(
                new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("scp", "Timeline.Read")], "test")), ValidUntil: null));
    }
}
