using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Tests.Infrastructure;
using static CustomerTimeline.Tests.Sync.Records;

namespace CustomerTimeline.Tests.Sync;

/// <summary>Ingestion feeds the live view: what a sync stores reaches subscribers, with insights already computed.</summary>
public sealed class SyncLiveTests
{
    [Fact]
    public async Task An_event_stored_by_a_sync_reaches_a_live_subscriber_with_fresh_insights()
    {
        var connector = new ScriptedConnector(EventSource.Zendesk, "tickets")
            .Page(Ticket("t1", 1, "First", Email("ann@example.com")));
        using var api = new SyncApiFactory(connector);
        await api.RunAsync(EventSource.Zendesk);
        var ann = (await api.CustomersAsync()).Single();

        await using var ws = await GraphQLWebSocketClient.ConnectAsync(api.Server);
        await ws.InitAsync();
        await ws.SubscribeAsync("live", "subscription($c: ID!) { timelineEventAdded(customerId: $c) { title customer { journey { currentStage { key } } } } }",
            new { c = GlobalId.Encode(GlobalId.CustomerType, ann.Id) });

        // The subscription attaches asynchronously: keep adding tickets until one is delivered.
        var minute = 2;
        var next = await ws.ReceiveWhilePublishingAsync(() =>
        {
            connector.Page(Ticket($"t{minute}", minute, $"Ticket {minute}", Email("ann@example.com")));
            minute++;
            api.RunAsync(EventSource.Zendesk).GetAwaiter().GetResult();
        });

        next!["type"]!.GetValue<string>().ShouldBe("next");
        var delivered = next["payload"]!["data"]!["timelineEventAdded"]!;
        delivered["title"]!.GetValue<string>().ShouldStartWith("Ticket ");
        delivered["customer"]!["journey"]!["currentStage"]!["key"]!.GetValue<string>().ShouldBe("support");
    }
}
