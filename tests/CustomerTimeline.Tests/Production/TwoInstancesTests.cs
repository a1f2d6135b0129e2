using System.Text.Json.Nodes;
using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Live;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Production;

/// <summary>Two API instances on one database (a SQLite file here, Azure SQL in production).</summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private sealed class Instance(string dataDirectory) : TimelineApiFactory(dataDirectory)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Live:Backplane"] = "Database",
            ["Live:PollInterval"] = "00:00:00.100",
        };
    }

    private readonly string _shared = TimelineApiFactory.NewDataDirectory();
    private Instance _a = null!;
    private Instance _b = null!;

    public async Task InitializeAsync()
    {
        _a = new Instance(_shared);
        await _a.SeedAsync(SampleData.SeedAsync);
        _b = new Instance(_shared);
        _ = _b.Server;
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task An_event_published_on_one_instance_reaches_a_subscriber_on_the_other()
    {
        await using var ws = await GraphQLWebSocketClient.ConnectAsync(_a.Server);
        await ws.InitAsync();
        await ws.SubscribeAsync("x", "subscription($c: ID!) { timelineEventAdded(customerId: $c) { title } }",
            new { c = GlobalId.Encode(GlobalId.CustomerType, 1) });

        var visit = SampleData.Visit(1, "cross-instance-visit", SampleData.T0.AddDays(60), "cafecafecafecafe");
        await _b.SeedAsync(db =>
        {
            db.Events.Add(visit);
            return Task.CompletedTask;
        });
        var notifierOnB = _b.Services.GetRequiredService<ITimelineNotifier>();
        var next = await ws.ReceiveWhilePublishingAsync(() => notifierOnB.EventAdded(1, visit.Id));

        next!["payload"]!["data"]!["timelineEventAdded"]!["title"]!.GetValue<string>().ShouldBe("Visited /pricing");
    }

    [Fact]
    public async Task An_erasure_on_one_instance_completes_the_customers_feed_on_the_other()
    {
        var bob = GlobalId.Encode(GlobalId.CustomerType, 2);
        await using var ws = await GraphQLWebSocketClient.ConnectAsync(_a.Server);
        await ws.InitAsync();
        await ws.SubscribeAsync("bob", "subscription($c: ID!) { customerUpdated(customerId: $c) { displayName } }", new { c = bob });
        var notifierOnB = _b.Services.GetRequiredService<ITimelineNotifier>();
        (await ws.ReceiveWhilePublishingAsync(() => notifierOnB.CustomerUpdated(2)))!["type"]!.GetValue<string>().ShouldBe("next");

        using var officer = _b.CreateGraphQLClient([TestTokens.Read, TestTokens.Write, TestTokens.PrivacyManage]);
        await officer.QueryAsync("mutation($id: ID!) { eraseCustomer(id: $id) { alreadyErased } }", new { id = bob });

        JsonNode message;
        do message = (await ws.ReceiveAsync())!;
        while (message["type"]!.GetValue<string>() != "complete");
        message["id"]!.GetValue<string>().ShouldBe("bob");
    }

    [Fact]
    public async Task A_sync_lease_held_by_one_instance_keeps_the_other_out()
    {
        var now = DateTimeOffset.UtcNow;
        await _a.WithDbAsync(async db =>
        {
            (await SyncLeases.TryAcquireAsync(db, EventSource.Zendesk, "instance-a", now, TimeSpan.FromMinutes(2), CancellationToken.None)).ShouldBeTrue();
            return 0;
        });
        await _b.WithDbAsync(async db =>
        {
            (await SyncLeases.TryAcquireAsync(db, EventSource.Zendesk, "instance-b", now, TimeSpan.FromMinutes(2), CancellationToken.None)).ShouldBeFalse();
            // Once the first holder's lease expires, the other instance takes over.
            (await SyncLeases.TryAcquireAsync(db, EventSource.Zendesk, "instance-b", now.AddMinutes(3), TimeSpan.FromMinutes(2), CancellationToken.None)).ShouldBeTrue();
            return 0;
        });
        (await _a.WithDbAsync(db => db.SyncLeases.SingleAsync(l => l.Source == EventSource.Zendesk))).Owner.ShouldBe("instance-b");
    }
}
