using System.Text.Json.Nodes;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Live;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Tests.Infrastructure;
using CustomerTimeline.Tests.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CustomerTimeline.Tests.Sync.Records;

namespace CustomerTimeline.Tests.Customers;

/// <summary>
/// A consumer that stored our id keeps finding the person after syncs merge them into another customer, through a
/// chain of merges too; requests that must act on exactly the customer named are told where the data went.
/// </summary>
public sealed class MergedCustomerIdTests
{
    /// <summary>
    /// Cy (Zendesk user 42) is the oldest, Bo (an email) next, Al (a phone) the youngest. A record carrying Al's phone
    /// and Bo's email merges Al into Bo; one carrying Bo's email and user 42 merges Bo into Cy.
    /// </summary>
    private static async Task<(SyncApiFactory Api, ScriptedConnector Helpdesk, string Al, string Bo, string Cy)> ChainAsync(
        Func<SyncApiFactory, string, Task>? beforeMerges = null)
    {
        var helpdesk = new ScriptedConnector(EventSource.Zendesk, "tickets")
            .Page(Ticket("t1", 1, "Cy's", Zendesk("42")))
            .Page(Ticket("t2", 2, "Bo's", Email("bo@example.com")))
            .Page(Ticket("t3", 3, "Al's", Phone("+15550100101")));
        var api = new SyncApiFactory(helpdesk);
        await api.RunAsync(EventSource.Zendesk);
        var ids = (await api.CustomersAsync()).Select(c => GlobalId.Encode(GlobalId.CustomerType, c.Id)).ToList();
        ids.Count.ShouldBe(3);
        if (beforeMerges is not null) await beforeMerges(api, ids[2]);

        helpdesk.Page(Ticket("t4", 4, "Al and Bo", Phone("+15550100101"), Email("bo@example.com")));
        await api.RunAsync(EventSource.Zendesk);
        helpdesk.Page(Ticket("t5", 5, "Bo and Cy", Email("bo@example.com"), Zendesk("42")));
        await api.RunAsync(EventSource.Zendesk);
        (await api.CustomersAsync()).ShouldHaveSingleItem();
        return (api, helpdesk, ids[2], ids[1], ids[0]);
    }

    [Fact]
    public async Task Customer_by_a_merged_id_gives_the_customer_holding_its_data_now_through_a_chain_of_merges()
    {
        var (api, _, al, bo, cy) = await ChainAsync();
        using var _ = api;
        using var client = api.CreateGraphQLClient();

        foreach (var id in new[] { al, bo, cy })
        {
            var customer = (await client.QueryAsync("query($id: ID!) { customer(id: $id) { id timeline { totalCount } } }", new { id }))["customer"]!;
            customer["id"]!.GetValue<string>().ShouldBe(cy);
            customer["timeline"]!["totalCount"]!.GetValue<int>().ShouldBe(5);
        }

        // Several in one request: each follows its own merge, and the batch still answers every one.
        var both = await client.QueryAsync("query($a: ID!, $b: ID!) { a: customer(id: $a) { id } b: customer(id: $b) { id } }", new { a = al, b = bo });
        both["a"]!["id"]!.GetValue<string>().ShouldBe(cy);
        both["b"]!["id"]!.GetValue<string>().ShouldBe(cy);

        // A refetch must answer the object it names: node() does not follow merges.
        var node = await client.QueryAsync("query($id: ID!) { node(id: $id) { id } nodes(ids: [$id]) { id } }", new { id = al });
        node["node"].ShouldBeNull();
        node["nodes"]!.AsArray().ShouldHaveSingleItem().ShouldBeNull();
    }

    [Fact]
    public async Task Erasing_or_exporting_a_merged_id_is_refused_naming_the_survivor_and_changes_nothing()
    {
        var (api, _, al, _, cy) = await ChainAsync();
        using var __ = api;
        using var officer = api.CreateGraphQLClient();

        foreach (var mutation in new[] { "eraseCustomer(id: $id) { deletedRows }", "exportCustomer(id: $id) { document }" })
        {
            var refused = await officer.PostAsync($"mutation($id: ID!) {{ {mutation} }}", new { id = al });
            refused.FirstErrorCode.ShouldBe("CUSTOMER_MERGED");
            refused.FirstErrorMessage.ShouldContain(cy);
            refused.Errors![0]!["extensions"]!["mergedInto"]!.GetValue<string>().ShouldBe(cy);
            refused.Body.ToJsonString().ShouldNotContain("at CustomerTimeline");
        }
        (await api.DbAsync(db => db.Events.CountAsync())).ShouldBe(5);
        (await api.DbAsync(db => db.PrivacyRequests.CountAsync())).ShouldBe(0);

        // Once the survivor is erased, the merged id leads nowhere.
        await officer.QueryAsync("mutation($id: ID!) { eraseCustomer(id: $id) { deletedRows } }", new { id = cy });
        (await officer.QueryAsync("query($id: ID!) { customer(id: $id) { id } }", new { id = al }))["customer"].ShouldBeNull();
        var gone = await officer.PostAsync("mutation($id: ID!) { eraseCustomer(id: $id) { deletedRows } }", new { id = al });
        gone.FirstErrorCode.ShouldBe("NOT_FOUND");
    }

    [Fact]
    public async Task The_survivors_audit_log_holds_what_was_recorded_under_the_merged_ids()
    {
        const string Export = "mutation($id: ID!) { exportCustomer(id: $id) { request { id } } }";
        var (api, _, al, _, cy) = await ChainAsync(async (api, al) =>
        {
            using var officer = api.CreateGraphQLClient();
            await officer.QueryAsync(Export, new { id = al });
        });
        using var __ = api;
        using var client = api.CreateGraphQLClient();
        await client.QueryAsync(Export, new { id = cy });

        var log = (await client.QueryAsync("""
            query($id: ID) { auditEntries(customerId: $id, operation: EXPORT) { totalCount nodes { customerId } } }
            """, new { id = cy }))["auditEntries"]!;

        log["totalCount"]!.GetValue<int>().ShouldBe(2);
        log["nodes"]!.AsArray().Select(n => n!["customerId"]!.GetValue<string>()).ShouldBe([cy, al]);
        var alOnly = (await client.QueryAsync("""
            query($id: ID) { auditEntries(customerId: $id, operation: EXPORT) { totalCount } }
            """, new { id = al }))["auditEntries"]!;
        alOnly["totalCount"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task The_survivors_export_holds_its_merge_history_and_what_the_service_derived_about_it()
    {
        var (api, _, al, bo, cy) = await ChainAsync();
        using var __ = api;
        using var officer = api.CreateGraphQLClient();

        var document = JsonNode.Parse((await officer.QueryAsync("mutation($id: ID!) { exportCustomer(id: $id) { document } }", new { id = cy }))
            ["exportCustomer"]!["document"]!.GetValue<string>())!;

        var sections = document["sections"]!;
        var merges = sections["mergeHistory"]!.AsArray();
        merges.Select(m => m!["mergedCustomerId"]!.GetValue<string>()).ShouldBe([al, bo], ignoreOrder: true);
        merges.ShouldAllBe(m => m!["source"]!.GetValue<string>() == "Zendesk" && m["recordId"] != null && m["matchedKeyMasked"] != null);
        merges.ToJsonString().ShouldNotContain("bo@example.com");
        var insights = sections["insights"]!;
        var experience = insights["experience"]!;
        experience["score"]!.GetValue<double>().ShouldBeInRange(0, 100);
        experience["drivers"]!.AsArray().Sum(d => d!["contribution"]!.GetValue<double>()).ShouldBe(experience["score"]!.GetValue<double>(), 0.01);
        experience["band"]!.GetValue<string>().ShouldBeOneOf("Low", "Medium", "High");
        experience["history"]!.AsArray().ShouldNotBeEmpty();
        insights["journey"]!["stages"]!.AsArray().ShouldNotBeEmpty();
        insights["signals"].ShouldBeOfType<JsonArray>();
    }

    [Fact]
    public async Task An_update_feed_by_a_merged_id_sends_the_survivor_at_once_and_then_its_updates()
    {
        var (api, _, al, _, cy) = await ChainAsync();
        using var __ = api;
        await using var ws = await GraphQLWebSocketClient.ConnectAsync(api.Server);
        await ws.InitAsync();

        await ws.SubscribeAsync("updates", "subscription($c: ID!) { customerUpdated(customerId: $c) { id } }", new { c = al });

        // Nothing was published: the merge's own update went out before this feed attached.
        var first = await ws.ReceiveAsync();
        first!["type"]!.GetValue<string>().ShouldBe("next", first.ToJsonString());
        first["payload"]!["data"]!["customerUpdated"]!["id"]!.GetValue<string>().ShouldBe(cy);

        // A feed by the survivor's own id sends nothing until something changes.
        await ws.SubscribeAsync("own", "subscription($c: ID!) { customerUpdated(customerId: $c) { id } }", new { c = cy });
        var notifier = api.Services.GetRequiredService<ITimelineNotifier>();
        var seen = new HashSet<string>();
        while (seen.Count < 2)
        {
            var message = await ws.ReceiveWhilePublishingAsync(() => notifier.CustomerUpdated(DatabaseIdOf(cy)));
            if (message!["id"]?.GetValue<string>() is { } id) seen.Add(id);
            message["payload"]!["data"]!["customerUpdated"]!["id"]!.GetValue<string>().ShouldBe(cy);
        }
    }

    private static long DatabaseIdOf(string id) => GlobalId.TryDecode(id, out _, out var dbId) ? dbId : throw new ArgumentException(id);

    [Fact]
    public async Task A_subscription_by_a_merged_id_follows_the_customer_it_went_into()
    {
        var (api, connector, al, _, cy) = await ChainAsync();
        using var __ = api;

        await using var ws = await GraphQLWebSocketClient.ConnectAsync(api.Server);
        await ws.InitAsync();
        await ws.SubscribeAsync("live", "subscription($c: ID!) { timelineEventAdded(customerId: $c) { title customer { id } } }", new { c = al });

        var minute = 6;
        var next = await ws.ReceiveWhilePublishingAsync(() =>
        {
            connector.Page(Ticket($"t{minute}", minute, $"Ticket {minute}", Zendesk("42")));
            minute++;
            api.RunAsync(EventSource.Zendesk).GetAwaiter().GetResult();
        });

        next!["type"]!.GetValue<string>().ShouldBe("next", next.ToJsonString());
        var delivered = next["payload"]!["data"]!["timelineEventAdded"]!;
        delivered["title"]!.GetValue<string>().ShouldStartWith("Ticket ");
        delivered["customer"]!["id"]!.GetValue<string>().ShouldBe(cy);
    }
}
