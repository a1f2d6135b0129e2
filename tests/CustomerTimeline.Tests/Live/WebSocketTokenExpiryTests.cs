using CustomerTimeline.Api.Live;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerTimeline.Tests.Live;

/// <summary>
/// A WebSocket holds only as long as its token would over HTTP: until exp plus the validation's clock skew (5 min),
/// then it closes with 4403 and its subscriptions end.
/// </summary>
public sealed class WebSocketTokenExpiryTests
{
    private const string Updates = "subscription($c: ID!) { customerUpdated(customerId: $c) { displayName } }";
    private static readonly object Bob = new { c = GlobalId.Encode(GlobalId.CustomerType, 2) };

    private sealed class ClockFactory(TimeProvider clock) : TimelineApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["GraphQL:WebSockets:KeepAliveInterval"] = "00:00:00",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services
                .AddSingleton(clock)
                .AddSingleton<ITimelineNotifier>(sp => new CountingNotifier(sp.GetRequiredService<InProcessTimelineNotifier>())));
        }
    }

    [Fact]
    public async Task When_the_token_expires_the_socket_closes_4403_and_its_subscriptions_end()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new ClockFactory(clock);
        await factory.SeedAsync(SampleData.SeedAsync);
        var notifier = (CountingNotifier)factory.Services.GetRequiredService<ITimelineNotifier>();
        await using var ws = await GraphQLWebSocketClient.ConnectAsync(factory.Server);
        await ws.InitAsync(new { token = TestTokens.Mint(expires: DateTime.UtcNow.AddMinutes(10)) });
        await ws.SubscribeAsync("u", Updates, Bob);
        (await ws.ReceiveWhilePublishingAsync(() => notifier.CustomerUpdated(2)))!["type"]!.GetValue<string>().ShouldBe("next");
        await DrainAsync(ws);

        // Past exp but within the clock skew HTTP allows: still served.
        clock.Advance(TimeSpan.FromMinutes(14));
        await ws.SendAsync(new { type = "ping" });
        (await ws.ReceiveAsync())!["type"]!.GetValue<string>().ShouldBe("pong");
        notifier.ActiveUpdateFeeds.ShouldBe(1);

        // Past the skew too: the feed ends at once, whether or not the client answers the close.
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        for (var i = 0; i < 100 && notifier.ActiveUpdateFeeds > 0; i++) await Task.Delay(50);
        notifier.ActiveUpdateFeeds.ShouldBe(0);
        notifier.CustomerUpdated(2);

        var after = new List<string>();
        while (await ws.ReceiveAsync() is { } message) after.Add(message["type"]!.GetValue<string>());
        after.ShouldNotContain("next");
        ((int?)ws.CloseStatus).ShouldBe(4403);
    }

    [Fact]
    public async Task A_subscribe_after_expiry_closes_4403_before_the_timer_does()
    {
        // Real timers, a clock the test moves: the expiry timer is still an hour away when the clock passes expiry.
        var clock = new FixedTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new ClockFactory(clock);
        await factory.SeedAsync(SampleData.SeedAsync);
        await using var ws = await GraphQLWebSocketClient.ConnectAsync(factory.Server);
        await ws.InitAsync(new { token = TestTokens.Mint(expires: DateTime.UtcNow.AddMinutes(10)) });
        await ws.SubscribeAsync("before", "{ customers(first: 1) { totalCount } }");
        (await ws.ReceiveAsync())!["type"]!.GetValue<string>().ShouldBe("next");
        (await ws.ReceiveAsync())!["type"]!.GetValue<string>().ShouldBe("complete");

        clock.Now += TimeSpan.FromMinutes(16);
        await ws.SubscribeAsync("after", "{ customers(first: 1) { totalCount } }");

        (await ws.ReceiveAsync()).ShouldBeNull("no answer to an operation on an expired token, only the close");
        ((int?)ws.CloseStatus).ShouldBe(4403);
    }

    private static async Task DrainAsync(GraphQLWebSocketClient ws)
    {
        await Task.Delay(300);
        await ws.SendAsync(new { type = "ping" });
        while ((await ws.ReceiveAsync())!["type"]!.GetValue<string>() != "pong")
        {
        }
    }
}
