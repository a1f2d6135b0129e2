using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Live;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Live;

/// <summary>The graphql-transport-ws protocol as the npm graphql-ws client expects it.</summary>
public sealed class GraphQLWebSocketProtocolTests(SampleApiFixture fixture) : IClassFixture<SampleApiFixture>
{
    private Task<GraphQLWebSocketClient> ConnectAsync() => GraphQLWebSocketClient.ConnectAsync(fixture.Factory.Server);

    [Fact]
    public async Task Subscription_delivers_events_as_they_are_stored_and_stops_on_complete()
    {
        await using var ws = await ConnectAsync();
        await ws.InitAsync();
        var alice = GlobalId.Encode(GlobalId.CustomerType, 1);
        await ws.SubscribeAsync("s1", "subscription($c: ID!) { timelineEventAdded(customerId: $c) { __typename title ... on WebVisitEvent { visitorId } } }", new { c = alice });
        var visit = SampleData.Visit(1, "live-visit-" + Guid.NewGuid().ToString("N"), SampleData.T0.AddDays(40), "feedfeedfeedfeed");
        await fixture.Factory.SeedAsync(db =>
        {
            db.Events.Add(visit);
            return Task.CompletedTask;
        });
        var notifier = fixture.Factory.Services.GetRequiredService<ITimelineNotifier>();
        var next = await ws.ReceiveWhilePublishingAsync(() => notifier.EventAdded(1, visit.Id));
        next!["type"]!.GetValue<string>().ShouldBe("next");
        next["id"]!.GetValue<string>().ShouldBe("s1");
        next["payload"]!["data"]!["timelineEventAdded"]!["__typename"]!.GetValue<string>().ShouldBe("WebVisitEvent");
        next["payload"]!["data"]!["timelineEventAdded"]!["visitorId"]!.GetValue<string>().ShouldBe("feedfeedfeedfeed");

        // Drain deliveries of the repeated publishes, then complete.
        await ws.SendAsync(new { id = "s1", type = "complete" });
        await Task.Delay(300);
        await ws.SendAsync(new { type = "ping" });
        while ((await ws.ReceiveAsync())!["type"]!.GetValue<string>() != "pong")
        {
        }
        notifier.EventAdded(1, visit.Id);
        await ws.SendAsync(new { type = "ping" });
        (await ws.ReceiveAsync())!["type"]!.GetValue<string>().ShouldBe("pong"); // and no further "next"
    }

    [Fact]
    public async Task Customer_updates_are_pushed()
    {
        await using var ws = await ConnectAsync();
        await ws.InitAsync();
        await ws.SubscribeAsync("u", "subscription($c: ID!) { customerUpdated(customerId: $c) { displayName } }", new { c = GlobalId.Encode(GlobalId.CustomerType, 2) });
        var notifier = fixture.Factory.Services.GetRequiredService<ITimelineNotifier>();
        var next = await ws.ReceiveWhilePublishingAsync(() => notifier.CustomerUpdated(2));
        next!["payload"]!["data"]!["customerUpdated"]!["displayName"]!.GetValue<string>().ShouldBe("Bob Durand");
    }

    [Fact]
    public async Task Queries_run_over_the_socket_too()
    {
        await using var ws = await ConnectAsync();
        await ws.InitAsync();
        await ws.SubscribeAsync("q", "{ customers(first: 1) { totalCount } }");
        var next = await ws.ReceiveAsync();
        next!["type"]!.GetValue<string>().ShouldBe("next");
        next["payload"]!["data"]!["customers"]!["totalCount"]!.GetValue<int>().ShouldBe(3);
        (await ws.ReceiveAsync())!["type"]!.GetValue<string>().ShouldBe("complete");
    }

    [Fact]
    public async Task Invalid_operation_answers_an_error_message_and_keeps_the_socket()
    {
        await using var ws = await ConnectAsync();
        await ws.InitAsync();
        await ws.SubscribeAsync("bad", "subscription { noSuchField }");
        var error = await ws.ReceiveAsync();
        error!["type"]!.GetValue<string>().ShouldBe("error");
        error["id"]!.GetValue<string>().ShouldBe("bad");
        error["payload"]!.AsArray().Count.ShouldBeGreaterThan(0);
        await ws.SendAsync(new { type = "ping" });
        (await ws.ReceiveAsync())!["type"]!.GetValue<string>().ShouldBe("pong");
    }

    [Fact]
    public async Task Subscribe_before_ack_closes_4401()
    {
        await using var ws = await ConnectAsync();
        await ws.SubscribeAsync("s", "{ customers { totalCount } }");
        (await ws.ReceiveCloseAsync()).ShouldBe(4401);
    }

    [Fact]
    public async Task Second_init_closes_4429()
    {
        await using var ws = await ConnectAsync();
        await ws.InitAsync();
        await ws.SendAsync(new { type = "connection_init" });
        (await ws.ReceiveCloseAsync()).ShouldBe(4429);
    }

    [Fact]
    public async Task Duplicate_subscription_id_closes_4409()
    {
        await using var ws = await ConnectAsync();
        await ws.InitAsync();
        const string query = "subscription($c: ID!) { customerUpdated(customerId: $c) { displayName } }";
        await ws.SubscribeAsync("dup", query, new { c = GlobalId.Encode(GlobalId.CustomerType, 1) });
        await ws.SubscribeAsync("dup", query, new { c = GlobalId.Encode(GlobalId.CustomerType, 1) });
        (await ws.ReceiveCloseAsync()).ShouldBe(4409);
        ws.CloseDescription.ShouldBe("Subscriber for dup already exists");
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("""{"type":"no_such_type"}""")]
    [InlineData("""{"id":"x"}""")]
    [InlineData("""[1,2]""")]
    public async Task Bad_messages_close_4400(string raw)
    {
        await using var ws = await ConnectAsync();
        await ws.InitAsync();
        await ws.SendRawAsync(raw);
        (await ws.ReceiveCloseAsync()).ShouldBe(4400);
    }

    [Fact]
    public async Task Subscribe_without_payload_closes_4400()
    {
        await using var ws = await ConnectAsync();
        await ws.InitAsync();
        await ws.SendAsync(new { id = "1", type = "subscribe" });
        (await ws.ReceiveCloseAsync()).ShouldBe(4400);
    }

    [Fact]
    public async Task Init_without_a_valid_token_closes_4403()
    {
        await using var ws = await ConnectAsync();
        await ws.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer not-a-token" } });
        (await ws.ReceiveCloseAsync()).ShouldBe(4403);
    }

    [Fact]
    public async Task Init_with_a_token_lacking_read_closes_4403()
    {
        await using var ws = await ConnectAsync();
        await ws.SendAsync(new { type = "connection_init", payload = new { token = TestTokens.Mint(scopes: [TestTokens.PiiRead]) } });
        (await ws.ReceiveCloseAsync()).ShouldBe(4403);
    }

    [Fact]
    public async Task Subscriptions_mask_pii_like_queries_do()
    {
        await using var ws = await ConnectAsync();
        await ws.InitAsync(new { token = TestTokens.Mint(scopes: [TestTokens.Read]) });
        await ws.SubscribeAsync("p", "subscription($c: ID!) { customerUpdated(customerId: $c) { displayName primaryEmail } }", new { c = GlobalId.Encode(GlobalId.CustomerType, 2) });
        var notifier = fixture.Factory.Services.GetRequiredService<ITimelineNotifier>();
        var next = await ws.ReceiveWhilePublishingAsync(() => notifier.CustomerUpdated(2));
        var customer = next!["payload"]!["data"]!["customerUpdated"]!;
        customer["displayName"]!.GetValue<string>().ShouldNotBe("Bob Durand");
        customer["primaryEmail"]!.GetValue<string>().ShouldNotBe("bob@fabrikam.fr");
        customer["primaryEmail"]!.GetValue<string>().ShouldContain("***");
    }

    [Theory]
    [InlineData("graphql-ws")] // the legacy subscriptions-transport-ws protocol's name
    [InlineData(null)]
    public async Task A_socket_without_the_graphql_transport_ws_subprotocol_closes_4406(string? protocol)
    {
        await using var ws = await GraphQLWebSocketClient.ConnectAsync(fixture.Factory.Server, protocol);
        (await ws.ReceiveCloseAsync()).ShouldBe(4406);
        ws.CloseDescription.ShouldBe("Subprotocol not acceptable");
    }

    [Fact]
    public async Task Ping_is_answered_with_pong_even_before_init()
    {
        await using var ws = await ConnectAsync();
        await ws.SendAsync(new { type = "ping" });
        (await ws.ReceiveAsync())!["type"]!.GetValue<string>().ShouldBe("pong");
    }
}
