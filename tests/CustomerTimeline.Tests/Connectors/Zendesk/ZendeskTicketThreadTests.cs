using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Connectors.Zendesk;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Tests.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CustomerTimeline.Tests.Connectors.Zendesk;

/// <summary>
/// A ticket's comments belong to it: they leave the timeline when it is deleted (spam, an erasure request in Zendesk,
/// a card number pasted in) and follow it when its requester changes. The real connector over HTTP to WireMock, the
/// sync runner and a real SQLite file.
/// </summary>
[Collection(ConnectorTestGroup.Name)]
public sealed class ZendeskTicketThreadTests : IClassFixture<WireMockFixture>
{
    private const string Roger = "20978392", Sam = "31000001";
    private readonly WireMockServer server;

    public ZendeskTicketThreadTests(WireMockFixture wireMock)
    {
        server = wireMock.Server;
        server.Reset();
    }

    [Fact]
    public async Task A_deleted_ticket_takes_its_comments_off_the_timeline_and_a_replay_cannot_bring_them_back()
    {
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));
        using var api = new SyncApiFactory(host.Connector<ZendeskConnector>());
        FirstSync();
        (await api.RunAsync(EventSource.Zendesk)).Outcome.ShouldBe(SyncOutcome.Succeeded);
        (await RecordIdsAsync(api)).ShouldBe(["comment-1274", "comment-1275", "comment-2274", "ticket-1", "ticket-2"]);

        // Ticket 1 is deleted in Zendesk: the export brings it with status "deleted" and no new comment event.
        server.Reset();
        Respond("/api/v2/incremental/users/cursor.json", """{"users":[],"after_cursor":"u2","end_of_stream":true}""");
        Respond("/api/v2/incremental/tickets/cursor.json", Tickets(Ticket(1, "deleted", Roger, "2011-05-06T10:00:00Z")));
        NoComments();
        var deleted = await api.RunAsync(EventSource.Zendesk);

        deleted.Outcome.ShouldBe(SyncOutcome.Succeeded);
        (await RecordIdsAsync(api)).ShouldBe(["comment-2274", "ticket-2"], "ticket 2 and its comment are not touched");
        (await api.DbAsync(db => db.SourceTombstones.Select(t => t.SourceRecordId).OrderBy(id => id).ToListAsync()))
            .ShouldBe(["comment-1274", "comment-1275", "ticket-1"]);

        // The same comments read again (a replay of the events export): they stay out.
        server.Reset();
        Respond("/api/v2/incremental/users/cursor.json", """{"users":[],"after_cursor":"u2","end_of_stream":true}""");
        Respond("/api/v2/incremental/tickets/cursor.json", """{"tickets":[],"after_cursor":"t3","end_of_stream":true}""");
        Comments(("1274", 1, Roger), ("1275", 1, Roger));
        Respond("/api/v2/tickets/show_many.json", ShowMany(Ticket(1, "open", Roger, "2011-05-05T10:00:00Z")));
        (await api.RunAsync(EventSource.Zendesk)).Outcome.ShouldBe(SyncOutcome.Succeeded);
        (await RecordIdsAsync(api)).ShouldBe(["comment-2274", "ticket-2"]);
    }

    [Fact]
    public async Task A_ticket_given_another_requester_takes_its_comments_to_their_timeline()
    {
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));
        using var api = new SyncApiFactory(host.Connector<ZendeskConnector>());
        FirstSync();
        (await api.RunAsync(EventSource.Zendesk)).Outcome.ShouldBe(SyncOutcome.Succeeded);

        // An agent corrects the requester of ticket 1: Sam asked, not Roger.
        server.Reset();
        Respond("/api/v2/incremental/users/cursor.json", """{"users":[],"after_cursor":"u2","end_of_stream":true}""");
        Respond("/api/v2/incremental/tickets/cursor.json", Tickets(Ticket(1, "open", Sam, "2011-05-06T10:00:00Z")));
        NoComments();
        (await api.RunAsync(EventSource.Zendesk)).Outcome.ShouldBe(SyncOutcome.Succeeded);

        var events = await api.EventsAsync();
        var samId = events.Single(e => e.SourceRecordId == "ticket-1").CustomerId;
        var rogerId = events.Single(e => e.SourceRecordId == "ticket-2").CustomerId;
        samId.ShouldNotBe(rogerId);
        events.Where(e => e.SourceRecordId is "comment-1274" or "comment-1275").Select(e => e.CustomerId).ShouldAllBe(id => id == samId);
        events.Single(e => e.SourceRecordId == "comment-2274").CustomerId.ShouldBe(rogerId);
    }

    [Fact]
    public async Task Comments_stored_before_the_upgrade_learn_their_ticket_from_their_details()
    {
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));
        using var api = new SyncApiFactory(host.Connector<ZendeskConnector>());
        FirstSync();
        (await api.RunAsync(EventSource.Zendesk)).Outcome.ShouldBe(SyncOutcome.Succeeded);

        // Back to the schema before comments had a parent, then the upgrade.
        await api.DbAsync(async db =>
        {
            var migrator = db.GetInfrastructure().GetRequiredService<IMigrator>();
            await migrator.MigrateAsync("20261203212533_RereadDataverseActivities");
            await migrator.MigrateAsync();
            return 0;
        });

        (await api.DbAsync(db => db.Events.OrderBy(e => e.SourceRecordId).Select(e => e.ParentRecordId).ToListAsync()))
            .ShouldBe(["ticket-1", "ticket-1", "ticket-2", null, null]);
    }

    /// <summary>Roger's two tickets, ticket 1 with two comments and ticket 2 with one.</summary>
    private void FirstSync()
    {
        Respond("/api/v2/incremental/users/cursor.json", """
            {"users":[{"id":20978392,"name":"Roger Wilco","email":"roger@example.com","role":"end-user","active":true,"updated_at":"2011-05-05T09:00:00Z"},
                      {"id":31000001,"name":"Sam Lee","email":"sam@example.com","role":"end-user","active":true,"updated_at":"2011-05-05T09:00:00Z"}],
             "after_cursor":"u1","end_of_stream":true}
            """);
        Respond("/api/v2/incremental/tickets/cursor.json",
            Tickets(Ticket(1, "open", Roger, "2011-05-05T10:00:00Z"), Ticket(2, "open", Roger, "2011-05-05T10:05:00Z")));
        Comments(("1274", 1, Roger), ("1275", 1, Roger), ("2274", 2, Roger));
        Respond("/api/v2/tickets/show_many.json",
            ShowMany(Ticket(1, "open", Roger, "2011-05-05T10:00:00Z"), Ticket(2, "open", Roger, "2011-05-05T10:05:00Z")));
    }

    private void NoComments() =>
        Respond("/api/v2/incremental/ticket_events.json", """{"ticket_events":[],"count":0,"end_time":1304589600,"end_of_stream":true}""");

    private void Comments(params (string Id, int Ticket, string Author)[] comments)
    {
        var events = comments.Select((c, i) => $$$"""
            {"id":{{{i + 1}}},"ticket_id":{{{c.Ticket}}},"timestamp":1304589600,"created_at":"2011-05-05T10:00:00Z","event_type":"Audit",
             "child_events":[{"id":{{{c.Id}}},"type":"Comment","event_type":"Comment","author_id":{{{c.Author}}},"body":"Comment {{{c.Id}}}",
             "public":true,"via":{"channel":"web"},"created_at":"2011-05-05T10:00:00Z"}]}
            """);
        Respond("/api/v2/incremental/ticket_events.json",
            "{\"ticket_events\":[" + string.Join(',', events) + "],\"count\":" + comments.Length + ",\"end_time\":1304589600,\"end_of_stream\":true}");
    }

    private static string Ticket(int id, string status, string requester, string updatedAt) => $$$"""
        {"id":{{{id}}},"subject":"Ticket {{{id}}}","description":"Text","status":"{{{status}}}","requester_id":{{{requester}}},
         "created_at":"2011-05-05T08:00:00Z","updated_at":"{{{updatedAt}}}","via":{"channel":"web"}}
        """;

    private static string Tickets(params string[] tickets) =>
        "{\"tickets\":[" + string.Join(',', tickets) + "],\"metric_sets\":[],\"users\":[{\"id\":20978392,\"role\":\"end-user\"},{\"id\":31000001,\"role\":\"end-user\"}],"
        + "\"after_cursor\":\"t1\",\"end_of_stream\":true}";

    private static string ShowMany(params string[] tickets) =>
        "{\"tickets\":[" + string.Join(',', tickets) + "],\"users\":[],\"count\":" + tickets.Length + "}";

    private static Task<List<string>> RecordIdsAsync(SyncApiFactory api) =>
        api.DbAsync(db => db.Events.Select(e => e.SourceRecordId).OrderBy(id => id).ToListAsync());

    private void Respond(string path, string body) =>
        server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));
}
