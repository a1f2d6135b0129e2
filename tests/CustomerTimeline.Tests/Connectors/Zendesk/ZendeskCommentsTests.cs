using System.Globalization;
using System.Text.Json;
using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Connectors.Zendesk;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Tests.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CustomerTimeline.Tests.Connectors.Zendesk;

/// <summary>The comments stream: the ticket event export with the comment_events sideload, requesters via show_many.</summary>
[Collection(ConnectorTestGroup.Name)]
public sealed class ZendeskCommentsTests : IClassFixture<WireMockFixture>
{
    private const string EventsPath = "/api/v2/incremental/ticket_events.json";
    private const string ShowManyPath = "/api/v2/tickets/show_many.json";
    private const long Requester = 20978392;
    private const long Agent = 235323;
    private const string StartAt = "1230768000"; // ZendeskSettings' StartAt, 2009-01-01, in Unix seconds

    private readonly WireMockServer server;

    public ZendeskCommentsTests(WireMockFixture wireMock)
    {
        server = wireMock.Server;
        server.Reset();
    }

    [Fact]
    public async Task Comments_map_from_a_ticket_events_page_with_their_tickets_from_show_many()
    {
        Respond(Request.Create().WithPath(EventsPath).UsingGet(), Samples.Read("zendesk-ticket-events.json"));
        Respond(Request.Create().WithPath(ShowManyPath).UsingGet(), Samples.Read("zendesk-show-many.json"));
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));

        var page = await host.Connector<ZendeskConnector>().FetchPageAsync(ZendeskConnector.CommentsStream, null, CancellationToken.None);

        // comment-1280 belongs to ticket 35437, which show_many does not return (deleted): skipped, not dead-lettered.
        page.Records.Select(r => r.RecordId).ShouldBe(["comment-1274", "comment-1275", "comment-1276", "comment-1277"]);
        page.NextCursor.ShouldBe("1248170400", "the page's end_time");
        page.EndOfStream.ShouldBeTrue();

        var customer = page.Records[0].ShouldBeOfType<SourceEvent>();
        customer.Kind.ShouldBe(EventKind.TicketMessage);
        customer.Title.ShouldBe("Customer message on #35436");
        customer.Keys.ShouldBe([new IdentityKey(IdentityKind.ZendeskUserId, "20978392")], "the ticket's requester, from show_many");
        customer.Channel.ShouldBe(Channel.Email);
        customer.OccurredAt.ShouldBe(DateTimeOffset.Parse("2009-07-20T22:55:29Z", CultureInfo.InvariantCulture));
        var message = customer.Details.ShouldBeOfType<TicketMessageDetails>();
        message.TicketId.ShouldBe("35436");
        message.Author.ShouldBe("20978392");
        message.Body.ShouldBe("The fire is very colorful.", "body: the sideload has no plain_body");
        message.IsPublic.ShouldBeTrue();
        var reply = page.Records[1].ShouldBeOfType<SourceEvent>();
        reply.Title.ShouldBe("Agent reply on #35436");
        reply.Keys.ShouldBe([new IdentityKey(IdentityKind.ZendeskUserId, "20978392")], "an agent's reply goes on the requester's timeline");
        var note = page.Records[2].ShouldBeOfType<SourceEvent>();
        note.Title.ShouldBe("Internal note on #35436");
        note.Details.ShouldBeOfType<TicketMessageDetails>().IsPublic.ShouldBeFalse();
        var dead = page.Records[3].ShouldBeOfType<UnmappableRecord>();
        dead.Reason.ShouldContain("Unreadable");
        dead.Payload.ShouldContain("A comment without its time.");

        var events = server.LogEntries.Single(e => e.RequestMessage.Path == EventsPath).RequestMessage;
        events.Query!["start_time"].Single().ShouldBe(StartAt);
        events.Query["include"].Single().ShouldBe("comment_events");
        var showMany = server.LogEntries.Single(e => e.RequestMessage.Path == ShowManyPath).RequestMessage;
        Ids(showMany).ShouldBe([35436L, 35437L], "each ticket once, in one call");
    }

    [Fact]
    public async Task The_stored_cursor_is_the_next_calls_start_time_and_a_page_without_comments_calls_no_show_many()
    {
        Respond(Request.Create().WithPath(EventsPath).WithParam("start_time", "1248170400").UsingGet(),
            EventsPage(1248170460, endOfStream: true, Audit(900, 35436, 1248170460, comment: null)));
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));

        var page = await host.Connector<ZendeskConnector>().FetchPageAsync(ZendeskConnector.CommentsStream, "1248170400", CancellationToken.None);

        page.Records.ShouldBeEmpty();
        page.NextCursor.ShouldBe("1248170460");
        server.LogEntries.Single().RequestMessage.Query!["start_time"].Single().ShouldBe("1248170400");
    }

    [Fact]
    public async Task Show_many_is_called_with_at_most_100_ids_a_call()
    {
        var audits = Enumerable.Range(0, 150).Select(i => Audit(5000 + i, 10_000 + i, 1248170400 + i, Comment(7000 + i, Requester, 1248170400 + i))).ToArray();
        Respond(Request.Create().WithPath(EventsPath).UsingGet(), EventsPage(1248170549, endOfStream: true, audits));
        Respond(Request.Create().WithPath(ShowManyPath).UsingGet(), """{"tickets":[]}""");
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));

        var page = await host.Connector<ZendeskConnector>().FetchPageAsync(ZendeskConnector.CommentsStream, null, CancellationToken.None);

        page.Records.ShouldBeEmpty("no ticket came back: every comment is skipped");
        var calls = server.LogEntries.Where(e => e.RequestMessage.Path == ShowManyPath).Select(e => Ids(e.RequestMessage)).ToList();
        calls.Select(c => c.Count).Order().ShouldBe([50, 100]);
        calls.SelectMany(c => c).Order().ShouldBe(Enumerable.Range(10_000, 150).Select(i => (long)i));
    }

    [Fact]
    public async Task Comments_whose_ticket_or_ticket_event_cannot_be_read_are_dead_lettered_with_the_reason()
    {
        var noTicketId = Audit(3, 0, 1248170402, Comment(13, Requester, 1248170402));
        noTicketId.Remove("ticket_id");
        Respond(Request.Create().WithPath(EventsPath).UsingGet(), EventsPage(1248170402, endOfStream: true,
            Audit(1, 501, 1248170400, Comment(11, Requester, 1248170400)),
            Audit(2, 502, 1248170401, Comment(12, Requester, 1248170401)),
            noTicketId));
        Respond(Request.Create().WithPath(ShowManyPath).UsingGet(), """
            {"tickets":[
              {"id":501,"created_at":"not a time","requester_id":20978392,"status":"open"},
              {"id":502,"created_at":"2009-07-20T22:55:29Z","requester_id":null,"status":"open"}
            ]}
            """);
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));

        var page = await host.Connector<ZendeskConnector>().FetchPageAsync(ZendeskConnector.CommentsStream, null, CancellationToken.None);

        var dead = page.Records.Select(r => r.ShouldBeOfType<UnmappableRecord>()).ToDictionary(r => r.RecordId, r => r.Reason);
        dead.Keys.Order().ShouldBe(["comment-11", "comment-12", "comment-13"]);
        dead["comment-11"].ShouldContain("ticket 501 could not be read");
        dead["comment-12"].ShouldContain("requester_id");
        dead["comment-13"].ShouldContain("no ticket_id");
    }

    [Fact]
    public async Task A_refused_show_many_call_fails_the_page_as_the_vendor_refusing_the_credentials()
    {
        var audits = Enumerable.Range(0, 150).Select(i => Audit(5000 + i, 10_000 + i, 1248170400 + i, Comment(7000 + i, Requester, 1248170400 + i))).ToArray();
        Respond(Request.Create().WithPath(EventsPath).UsingGet(), EventsPage(1248170549, endOfStream: true, audits));
        server.Given(Request.Create().WithPath(ShowManyPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"error":"Couldn't authenticate you"}"""));
        var e = await FirstCommentsPageFailureAsync();

        e.Failure.ShouldBe(SourceFailure.AuthenticationFailed);
    }

    [Fact]
    public async Task A_page_that_does_not_move_past_its_start_second_fails_loudly()
    {
        Respond(Request.Create().WithPath(EventsPath).UsingGet(),
            EventsPage(1230768000, endOfStream: false, Audit(1, 35436, 1230768000, Comment(11, Requester, 1230768000))));
        Respond(Request.Create().WithPath(ShowManyPath).UsingGet(), Samples.Read("zendesk-show-many.json"));
        var e = await FirstCommentsPageFailureAsync();

        e.Failure.ShouldBe(SourceFailure.MalformedResponse);
        e.Message.ShouldContain("share the second");
    }

    [Theory]
    [InlineData("""{"end_time":1,"end_of_stream":true}""")]
    [InlineData("""{"ticket_events":[],"end_time":1}""")]
    [InlineData("""{"ticket_events":[],"end_of_stream":true}""")]
    public async Task A_page_without_events_end_of_stream_or_end_time_is_malformed(string body)
    {
        Respond(Request.Create().WithPath(EventsPath).UsingGet(), body);
        var e = await FirstCommentsPageFailureAsync();

        e.Failure.ShouldBe(SourceFailure.MalformedResponse);
    }

    [Fact]
    public async Task Streams_follow_IncludeComments_at_each_read()
    {
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));
        var connector = host.Connector<ZendeskConnector>();
        connector.Streams.ShouldBe(["users", "tickets", "comments"]);

        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        configuration[$"{ZendeskOptions.Section}:IncludeComments"] = "false";
        configuration.Reload();

        connector.Streams.ShouldBe(["users", "tickets"]);
    }

    [Fact]
    public async Task Without_comments_a_sync_run_reads_no_ticket_events()
    {
        StubUsersAndTickets();
        var settings = ZendeskSettings.For(server.Url!);
        settings[$"{ZendeskOptions.Section}:IncludeComments"] = "false";
        await using var host = ConnectorTestHost.Create(settings);
        using var api = new SyncApiFactory(host.Connector<ZendeskConnector>());

        var result = await api.RunAsync(EventSource.Zendesk);

        result.Outcome.ShouldBe(SyncOutcome.Succeeded, result.Error);
        server.LogEntries.ShouldNotContain(e => e.RequestMessage.Path == EventsPath || e.RequestMessage.Path == ShowManyPath);
        (await api.EventsAsync()).ShouldNotContain(e => e.Kind == EventKind.TicketMessage);
    }

    [Fact]
    public async Task A_comment_repeated_at_the_page_boundary_is_stored_once_and_the_cursor_is_the_last_end_time()
    {
        StubUsersAndTickets();
        // Page 1 ends at second 1248130600; page 2 starts there and serves that second's comment again.
        Respond(Request.Create().WithPath(EventsPath).WithParam("start_time", StartAt).UsingGet(), EventsPage(1248130600, endOfStream: false,
            Audit(1, 35436, 1248130529, Comment(1274, Requester, 1248130529)),
            Audit(2, 35436, 1248130600, Comment(1275, Agent, 1248130600))));
        Respond(Request.Create().WithPath(EventsPath).WithParam("start_time", "1248130600").UsingGet(), EventsPage(1248130700, endOfStream: true,
            Audit(2, 35436, 1248130600, Comment(1275, Agent, 1248130600)),
            Audit(3, 35436, 1248130700, Comment(1276, Requester, 1248130700))));
        Respond(Request.Create().WithPath(ShowManyPath).UsingGet(), Samples.Read("zendesk-show-many.json"));
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));
        using var api = new SyncApiFactory(host.Connector<ZendeskConnector>());

        var result = await api.RunAsync(EventSource.Zendesk);

        result.Outcome.ShouldBe(SyncOutcome.Succeeded, result.Error);
        var comments = (await api.EventsAsync()).Where(e => e.Kind == EventKind.TicketMessage).ToList();
        comments.Select(e => e.SourceRecordId).ShouldBe(["comment-1274", "comment-1275", "comment-1276"]);
        comments.Select(e => e.Title).ShouldBe(["Customer message on #35436", "Agent reply on #35436", "Customer message on #35436"]);
        var state = await api.StateAsync(EventSource.Zendesk, ZendeskConnector.CommentsStream);
        state.Cursor.ShouldBe("1248130700");
        state.LastRunDuplicatesSkipped.ShouldBe(1, "the repeated comment-1275");
        state.LastRunRecords.ShouldBe(4);
    }

    [Fact]
    public async Task A_no_progress_page_fails_the_run_and_leaves_the_cursor_at_the_last_committed_page()
    {
        StubUsersAndTickets();
        Respond(Request.Create().WithPath(EventsPath).WithParam("start_time", StartAt).UsingGet(), EventsPage(1248130529, endOfStream: false,
            Audit(1, 35436, 1248130529, Comment(1274, Requester, 1248130529))));
        // More events in second 1248130529 than a page holds: the next page cannot get past it.
        Respond(Request.Create().WithPath(EventsPath).WithParam("start_time", "1248130529").UsingGet(), EventsPage(1248130529, endOfStream: false,
            Audit(1, 35436, 1248130529, Comment(1274, Requester, 1248130529)),
            Audit(2, 35436, 1248130529, Comment(1275, Agent, 1248130529))));
        Respond(Request.Create().WithPath(ShowManyPath).UsingGet(), Samples.Read("zendesk-show-many.json"));
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));
        using var api = new SyncApiFactory(host.Connector<ZendeskConnector>());

        var result = await api.RunAsync(EventSource.Zendesk);

        result.Outcome.ShouldBe(SyncOutcome.Failed);
        var state = await api.StateAsync(EventSource.Zendesk, ZendeskConnector.CommentsStream);
        state.Status.ShouldBe(SyncStatus.Failed);
        state.Cursor.ShouldBe("1248130529", "page 1 committed; the failing page moved nothing");
        (await api.EventsAsync()).Where(e => e.Kind == EventKind.TicketMessage).Select(e => e.SourceRecordId)
            .ShouldBe(["comment-1274"], "nothing of the failing page is stored");
        (await api.StateAsync(EventSource.Zendesk, ZendeskConnector.TicketsStream)).Status.ShouldBe(SyncStatus.Succeeded);
    }

    private void StubUsersAndTickets()
    {
        Respond(Request.Create().WithPath("/api/v2/incremental/users/cursor.json").UsingGet(), Samples.Read("zendesk-users-page2.json"));
        Respond(Request.Create().WithPath("/api/v2/incremental/tickets/cursor.json").UsingGet(), Samples.Read("zendesk-tickets.json"));
    }

    /// <summary>What reading the first comments page throws, through a host on the stubbed server.</summary>
    private async Task<SourceUnavailableException> FirstCommentsPageFailureAsync()
    {
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));
        return await Should.ThrowAsync<SourceUnavailableException>(() =>
            host.Connector<ZendeskConnector>().FetchPageAsync(ZendeskConnector.CommentsStream, null, CancellationToken.None));
    }

    private void Respond(IRequestBuilder request, string body) =>
        server.Given(request).RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));

    /// <summary>The ids of a show_many call, however WireMock split the comma-separated value.</summary>
    private static List<long> Ids(WireMock.IRequestMessage request) =>
        request.Query!["ids"].SelectMany(v => v.Split(',')).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToList();

    private static string EventsPage(long endTime, bool endOfStream, params object[] audits) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["ticket_events"] = audits,
        ["next_page"] = $"https://example.zendesk.com/api/v2/incremental/ticket_events.json?start_time={endTime}",
        ["count"] = audits.Length,
        ["end_time"] = endTime,
        ["end_of_stream"] = endOfStream,
    });

    private static Dictionary<string, object?> Audit(long id, long ticketId, long timestamp, Dictionary<string, object?>? comment) => new()
    {
        ["id"] = id,
        ["ticket_id"] = ticketId,
        ["timestamp"] = timestamp,
        ["created_at"] = Iso(timestamp),
        ["updater_id"] = comment?["author_id"] ?? -1L,
        ["via"] = new Dictionary<string, object?> { ["channel"] = "web" },
        ["event_type"] = "Audit",
        ["comment_present"] = comment is not null,
        ["child_events"] = comment is null ? Array.Empty<object>() : new object[] { comment },
    };

    private static Dictionary<string, object?> Comment(long id, long author, long timestamp) => new()
    {
        ["id"] = id,
        ["via"] = new Dictionary<string, object?> { ["channel"] = "web" },
        ["type"] = "Comment",
        ["author_id"] = author,
        ["body"] = "Comment " + id.ToString(CultureInfo.InvariantCulture),
        ["public"] = true,
        ["attachments"] = Array.Empty<object>(),
        ["created_at"] = Iso(timestamp),
        ["event_type"] = "Comment",
    };

    private static string Iso(long unix) =>
        DateTimeOffset.FromUnixTimeSeconds(unix).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
