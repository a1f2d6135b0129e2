using CustomerTimeline.Tests.Infrastructure;

namespace CustomerTimeline.Tests.Live;

public sealed class GraphQLWebSocketTimeoutTests : IAsyncLifetime
{
    private sealed class ShortInitFactory : TimelineApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["GraphQL:WebSockets:ConnectionInitTimeout"] = "00:00:00.300",
            ["GraphQL:WebSockets:KeepAliveInterval"] = "00:00:00.200",
        };
    }

    private readonly ShortInitFactory _factory = new();

    public Task InitializeAsync() => _factory.SeedAsync(SampleData.SeedAsync);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task No_init_within_the_timeout_closes_4408()
    {
        await using var ws = await GraphQLWebSocketClient.ConnectAsync(_factory.Server);
        (await ws.ReceiveCloseAsync()).ShouldBe(4408);
    }

    [Fact]
    public async Task Server_sends_keep_alive_pings_after_ack()
    {
        await using var ws = await GraphQLWebSocketClient.ConnectAsync(_factory.Server);
        await ws.InitAsync();
        (await ws.ReceiveAsync(TimeSpan.FromSeconds(5)))!["type"]!.GetValue<string>().ShouldBe("ping");
    }
}
