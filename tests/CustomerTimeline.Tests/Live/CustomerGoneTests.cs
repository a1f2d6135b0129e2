using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Live;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Tests.Infrastructure;
using CustomerTimeline.Tests.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static CustomerTimeline.Tests.Sync.Records;

namespace CustomerTimeline.Tests.Live;

/// <summary>
/// A live feed is about one customer: subscribing to one that does not exist is refused, and a feed ends (complete)
/// when its customer is erased or merged into another, instead of staying open and silent forever.
/// </summary>
public sealed class CustomerGoneTests
{
    private const string Updated = "subscription($c: ID!) { customerUpdated(customerId: $c) { id displayName } }";
    private const string Added = "subscription($c: ID!) { timelineEventAdded(customerId: $c) { id title } }";

    [Theory]
    [InlineData(Updated)]
    [InlineData(Added)]
    public async Task Subscribing_to_a_customer_that_does_not_exist_is_refused_with_not_found(string subscription)
    {
        await using var factory = new TimelineApiFactory();
        await factory.SeedAsync(SampleData.SeedAsync);
        await using var ws = await GraphQLWebSocketClient.ConnectAsync(factory.Server);
        await ws.InitAsync();

        await ws.SubscribeAsync("gone", subscription, new { c = GlobalId.Encode(GlobalId.CustomerType, 9_999) });

        var next = (await ws.ReceiveAsync())!;
        next["type"]!.GetValue<string>().ShouldBe("next");
        next["id"]!.GetValue<string>().ShouldBe("gone");
        var error = next["payload"]!["errors"]!.AsArray().ShouldHaveSingleItem()!;
        error["extensions"]!["code"]!.GetValue<string>().ShouldBe("NOT_FOUND");
        error["message"]!.GetValue<string>().ShouldContain("customerId");
        (await ws.ReceiveAsync())!["type"]!.GetValue<string>().ShouldBe("complete");
    }

    [Fact]
    public async Task Erasing_a_customer_completes_its_feeds()
    {
        await using var factory = new TimelineApiFactory();
        await factory.SeedAsync(SampleData.SeedAsync);
        var aliceId = await SampleData.CustomerIdAsync(factory, SampleData.AliceEmail);
        var alice = GlobalId.Encode(GlobalId.CustomerType, aliceId);
        await using var ws = await GraphQLWebSocketClient.ConnectAsync(factory.Server);
        await ws.InitAsync();
        await ws.SubscribeAsync("updates", Updated, new { c = alice });
        await ws.SubscribeAsync("events", Added, new { c = alice });
        // Both feeds are attached once an update reaches the first and an event the second.
        var notifier = factory.Services.GetRequiredService<ITimelineNotifier>();
        await DrainUntilAsync(ws, () => notifier.CustomerUpdated(aliceId), "updates");
        var eventId = await factory.WithDbAsync(db => db.Events.Where(e => e.CustomerId == aliceId).Select(e => e.Id).FirstAsync());
        await DrainUntilAsync(ws, () => notifier.EventAdded(aliceId, eventId), "events");

        using var officer = factory.CreateGraphQLClient([TestTokens.Read, TestTokens.Write, TestTokens.PrivacyManage]);
        await officer.QueryAsync("mutation($id: ID!) { eraseCustomer(id: $id) { alreadyErased } }", new { id = alice });

        (await CompletedAsync(ws)).ShouldBe(["events", "updates"], ignoreOrder: true);
        // A feed opened after the erasure is refused like any unknown customer.
        await ws.SubscribeAsync("late", Updated, new { c = alice });
        (await ws.ReceiveAsync())!["payload"]!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>().ShouldBe("NOT_FOUND");
    }

    [Fact]
    public async Task A_customer_merged_into_another_completes_its_feeds_and_the_survivor_keeps_its_own()
    {
        var helpdesk = TwoTicketsOfOnePerson();
        using var api = new SyncApiFactory(helpdesk);
        await api.RunAsync(EventSource.Zendesk);
        var before = await api.CustomersAsync();
        var (oldest, newer) = (before[0].Id, before[1].Id);

        await using var ws = await GraphQLWebSocketClient.ConnectAsync(api.Server);
        await ws.InitAsync();
        await ws.SubscribeAsync("merged", Updated, new { c = GlobalId.Encode(GlobalId.CustomerType, newer) });
        await ws.SubscribeAsync("survivor", Updated, new { c = GlobalId.Encode(GlobalId.CustomerType, oldest) });
        var notifier = api.Services.GetRequiredService<ITimelineNotifier>();
        await DrainUntilAsync(ws, () => notifier.CustomerUpdated(newer), "merged");
        await DrainUntilAsync(ws, () => notifier.CustomerUpdated(oldest), "survivor");

        api.Time.Advance(TimeSpan.FromHours(1));
        helpdesk.Page("users", LinkingUser());
        (await api.RunAsync(EventSource.Zendesk)).Outcome.ShouldBe(SyncOutcome.Succeeded);
        (await api.CustomersAsync()).ShouldHaveSingleItem().Id.ShouldBe(oldest);

        // The merged customer's feed completes; the survivor's goes on and gets the merge as an update.
        var seen = new List<(string Id, string Type)>();
        while (!seen.Contains(("merged", "complete")) || !seen.Contains(("survivor", "next")))
        {
            var message = (await ws.ReceiveAsync())!;
            // The server's keep-alive pings carry no id.
            if (message["id"]?.GetValue<string>() is { } id) seen.Add((id, message["type"]!.GetValue<string>()));
        }
        seen.ShouldNotContain(("survivor", "complete"));
    }

    [Fact]
    public void A_feed_opened_just_after_its_customer_was_removed_completes_at_once()
    {
        // The subscription checks that the customer exists before it attaches; a removal committed in between must
        // still end it.
        var notifier = new InProcessTimelineNotifier(TimeProvider.System);
        notifier.CustomersRemoved([7]);
        var updates = new Recorder();
        var events = new Recorder();
        using var a = notifier.UpdatesFor(7).Subscribe(updates);
        using var b = notifier.EventsAddedFor(7).Subscribe(events);
        notifier.CustomerUpdated(7);
        updates.Completed.ShouldBeTrue();
        events.Completed.ShouldBeTrue();
        updates.Values.ShouldBeEmpty();

        var other = new Recorder();
        using var c = notifier.UpdatesFor(8).Subscribe(other);
        notifier.CustomerUpdated(8);
        other.Values.ShouldBe([8]);
        other.Completed.ShouldBeFalse();
    }

    [Fact]
    public void Removals_are_remembered_for_ten_minutes_only()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var notifier = new InProcessTimelineNotifier(time);
        notifier.CustomersRemoved([7]);
        time.Advance(TimeSpan.FromMinutes(9));
        var early = new Recorder();
        using (notifier.UpdatesFor(7).Subscribe(early)) early.Completed.ShouldBeTrue();

        time.Advance(TimeSpan.FromMinutes(2));
        notifier.CustomersRemoved([8]); // a later removal sweeps the memory
        var late = new Recorder();
        using (notifier.UpdatesFor(7).Subscribe(late)) late.Completed.ShouldBeFalse();
        var fresh = new Recorder();
        using (notifier.UpdatesFor(8).Subscribe(fresh)) fresh.Completed.ShouldBeTrue();
    }

    private static async Task DrainUntilAsync(GraphQLWebSocketClient ws, Action publish, string id)
    {
        while ((await ws.ReceiveWhilePublishingAsync(publish))!["id"]?.GetValue<string>() != id)
        {
        }
    }

    /// <summary>Ids of the first two operations the server completes, skipping deliveries still in flight.</summary>
    private static async Task<List<string>> CompletedAsync(GraphQLWebSocketClient ws)
    {
        var completed = new List<string>();
        while (completed.Count < 2)
        {
            var message = (await ws.ReceiveAsync())!;
            if (message["type"]!.GetValue<string>() == "complete") completed.Add(message["id"]!.GetValue<string>());
        }
        return completed;
    }

    private sealed class Recorder : IObserver<long>
    {
        public List<long> Values { get; } = [];
        public bool Completed { get; private set; }

        public void OnNext(long value) => Values.Add(value);

        public void OnError(Exception error) => throw error;

        public void OnCompleted() => Completed = true;
    }
}
