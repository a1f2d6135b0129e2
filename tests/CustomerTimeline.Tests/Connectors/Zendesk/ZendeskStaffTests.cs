using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Connectors.Zendesk;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Tests.Sync;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CustomerTimeline.Tests.Connectors.Zendesk;

/// <summary>
/// Zendesk's staff (agents, admins) are in its user export and answer tickets, but they are no customer of ours:
/// no profile of theirs, and a ticket one of them requested (internal) is on nobody's timeline. A deleted user's
/// cleared record says nothing about the customer either.
/// </summary>
[Collection(ConnectorTestGroup.Name)]
public sealed class ZendeskStaffTests : IClassFixture<WireMockFixture>
{
    private const string UsersPath = "/api/v2/incremental/users/cursor.json";
    private const string TicketsPath = "/api/v2/incremental/tickets/cursor.json";
    private const long Customer = 20978392;
    private const long Agent = 235323;
    private const long Admin = 235324;

    private readonly WireMockServer server;

    public ZendeskStaffTests(WireMockFixture wireMock)
    {
        server = wireMock.Server;
        server.Reset();
    }

    [Fact]
    public async Task A_ticket_an_agent_or_admin_requested_reads_as_a_deletion_by_the_sideloaded_roles()
    {
        Respond(TicketsPath, TicketsPage(endOfStream: true, Ticket(1, Customer, "2011-05-05T10:00:00Z"), Ticket(2, Agent, "2011-05-05T10:01:00Z"),
            Ticket(3, Admin, "2011-05-05T10:02:00Z")));
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));

        var page = await host.Connector<ZendeskConnector>().FetchPageAsync(ZendeskConnector.TicketsStream, null, CancellationToken.None);

        page.Records[0].ShouldBeOfType<SourceEvent>().Keys.ShouldBe([new IdentityKey(IdentityKind.ZendeskUserId, "20978392")]);
        page.Records.Skip(1).Select(r => r.ShouldBeOfType<SourceDeletion>().RecordId).ShouldBe(["ticket-2", "ticket-3"]);
    }

    [Fact]
    public async Task Staff_leave_no_customer_and_a_ticket_whose_requester_became_an_agent_leaves_the_timeline()
    {
        Respond(UsersPath, """
            {"users":[
              {"id":20978392,"name":"Roger Wilco","email":"roger@example.com","role":"end-user","active":true,"updated_at":"2011-05-05T09:00:00Z"},
              {"id":235323,"name":"Johnny Agent","email":"johnny@example.com","phone":"+1 555 0100","role":"agent","active":true,"updated_at":"2011-05-05T09:00:00Z"},
              {"id":235324,"name":"Ada Admin","email":"ada@example.com","role":"admin","active":true,"updated_at":"2011-05-05T09:00:00Z"}
            ],"after_cursor":"u1","end_of_stream":true}
            """);
        Respond(TicketsPath, TicketsPage(endOfStream: true, Ticket(1, Customer, "2011-05-05T10:00:00Z"), Ticket(2, Agent, "2011-05-05T10:01:00Z")));
        RespondNoComments();
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));
        using var api = new SyncApiFactory(host.Connector<ZendeskConnector>());

        var run = await api.RunAsync(EventSource.Zendesk);
        run.Outcome.ShouldBe(SyncOutcome.Succeeded, run.Error);

        (await api.CustomersAsync()).Select(c => c.DisplayName).ShouldBe(["Roger Wilco"]);
        (await api.EventsAsync()).Select(e => e.SourceRecordId).ShouldBe(["ticket-1"], "ticket-2 is internal");

        // The ticket is handed to an agent as its requester: it is no longer a customer's.
        server.Reset();
        Respond(UsersPath, """{"users":[],"after_cursor":"u1","end_of_stream":true}""");
        Respond(TicketsPath, TicketsPage(endOfStream: true, Ticket(1, Agent, "2011-05-06T10:00:00Z")));
        RespondNoComments();
        run = await api.RunAsync(EventSource.Zendesk);
        run.Outcome.ShouldBe(SyncOutcome.Succeeded, run.Error);

        (await api.EventsAsync()).ShouldBeEmpty();
        (await api.CustomersAsync()).ShouldHaveSingleItem().DisplayName.ShouldBe("Roger Wilco");
    }

    [Fact]
    public async Task A_deleted_or_purged_user_leaves_the_customer_as_it_was()
    {
        Respond(UsersPath, """
            {"users":[{"id":20978392,"name":"Roger Wilco","email":"roger@example.com","phone":"+1 555 0101","role":"end-user","active":true,
              "updated_at":"2011-05-05T09:00:00Z"}],"after_cursor":"u1","end_of_stream":true}
            """);
        Respond(TicketsPath, TicketsPage(endOfStream: true, Ticket(1, Customer, "2011-05-05T10:00:00Z")));
        RespondNoComments();
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));
        using var api = new SyncApiFactory(host.Connector<ZendeskConnector>());
        await api.RunAsync(EventSource.Zendesk);

        // Deleted, then purged for privacy at Zendesk: the export sends the cleared record.
        server.Reset();
        Respond(UsersPath, """
            {"users":[{"id":20978392,"name":"Permanently Deleted User","email":null,"phone":null,"role":"end-user","active":false,
              "updated_at":"2011-05-07T09:00:00Z"}],"after_cursor":"u2","end_of_stream":true}
            """);
        Respond(TicketsPath, """{"tickets":[],"after_cursor":"t1","end_of_stream":true}""");
        RespondNoComments();
        var run = await api.RunAsync(EventSource.Zendesk);

        run.Outcome.ShouldBe(SyncOutcome.Succeeded, run.Error);
        var customer = (await api.CustomersAsync()).ShouldHaveSingleItem();
        customer.DisplayName.ShouldBe("Roger Wilco");
        customer.PrimaryEmail.ShouldBe("roger@example.com");
        (await api.EventsAsync()).ShouldHaveSingleItem().SourceRecordId.ShouldBe("ticket-1");
    }

    [Fact]
    public async Task A_shared_phone_number_links_nobody()
    {
        // Two people behind one switchboard: Zendesk marks the number shared, so it is no identity of either.
        Respond(UsersPath, """
            {"users":[
              {"id":501,"name":"Ion Popa","email":"ion@firma.example","phone":"+40 21 300 0000","shared_phone_number":true,"role":"end-user","active":true,"updated_at":"2011-05-05T09:00:00Z"},
              {"id":502,"name":"Ana Ionescu","email":"ana@firma.example","phone":"+40 21 300 0000","shared_phone_number":true,"role":"end-user","active":true,"updated_at":"2011-05-05T09:00:01Z"},
              {"id":503,"name":"Dan Radu","email":"dan@firma.example","phone":"+40 722 000 111","shared_phone_number":false,"role":"end-user","active":true,"updated_at":"2011-05-05T09:00:02Z"}
            ],"after_cursor":"u1","end_of_stream":true}
            """);
        Respond(TicketsPath, """{"tickets":[],"after_cursor":"t1","end_of_stream":true}""");
        RespondNoComments();
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));
        using var api = new SyncApiFactory(host.Connector<ZendeskConnector>());

        var run = await api.RunAsync(EventSource.Zendesk);

        run.Outcome.ShouldBe(SyncOutcome.Succeeded, run.Error);
        var customers = await api.CustomersAsync();
        customers.Select(c => c.DisplayName).ShouldBe(["Ion Popa", "Ana Ionescu", "Dan Radu"]);
        customers.Select(c => c.Phone).ShouldBe([null, null, "+40722000111"]);
    }

    [Fact]
    public async Task A_comment_on_an_internal_ticket_reads_as_a_deletion()
    {
        Respond("/api/v2/incremental/ticket_events.json", """
            {"ticket_events":[{"id":1,"ticket_id":2,"timestamp":1248130529,"created_at":"2009-07-20T22:55:29Z","updater_id":235323,
              "event_type":"Audit","child_events":[{"id":1274,"type":"Comment","event_type":"Comment","author_id":235323,
              "body":"Internal follow-up.","public":false,"via":{"channel":"web"},"created_at":"2009-07-20T22:55:29Z"}]}],
             "count":1,"end_time":1248130529,"end_of_stream":true}
            """);
        Respond("/api/v2/tickets/show_many.json", $$"""
            {"tickets":[{{Ticket(2, Agent, "2011-05-05T10:01:00Z")}}],
             "users":[{"id":235323,"name":"Johnny Agent","role":"agent"}],"count":1}
            """);
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));

        var page = await host.Connector<ZendeskConnector>().FetchPageAsync(ZendeskConnector.CommentsStream, null, CancellationToken.None);

        page.Records.ShouldHaveSingleItem().ShouldBeOfType<SourceDeletion>().RecordId.ShouldBe("comment-1274");
        var call = server.LogEntries.Single(e => e.RequestMessage.Path == "/api/v2/tickets/show_many.json").RequestMessage;
        call.Query!["include"].ShouldBe(["users"]);
    }

    private static string Ticket(long id, long requester, string updatedAt) => $$$"""
        {"id":{{{id}}},"subject":"Ticket {{{id}}}","description":"Text","status":"open","priority":"normal","requester_id":{{{requester}}},
         "submitter_id":{{{requester}}},"assignee_id":{{{Agent}}},"created_at":"2011-05-05T08:00:00Z","updated_at":"{{{updatedAt}}}","via":{"channel":"web"}}
        """;

    /// <summary>An export page with its users sideloaded as Zendesk sends them: the customer, an agent and an admin.</summary>
    private static string TicketsPage(bool endOfStream, params string[] tickets) => $$"""
        {"tickets":[{{string.Join(',', tickets)}}],"metric_sets":[],
         "users":[{"id":{{Customer}},"name":"Roger Wilco","role":"end-user"},{"id":{{Agent}},"name":"Johnny Agent","role":"agent"},
                  {"id":{{Admin}},"name":"Ada Admin","role":"admin"}],
         "after_cursor":"t1","end_of_stream":{{(endOfStream ? "true" : "false")}}}
        """;

    private void RespondNoComments() =>
        Respond("/api/v2/incremental/ticket_events.json", """{"ticket_events":[],"count":0,"end_time":1230768000,"end_of_stream":true}""");

    private void Respond(string path, string body) =>
        server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));
}
