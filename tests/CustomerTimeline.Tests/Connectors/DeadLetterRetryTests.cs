using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Dataverse;
using CustomerTimeline.Api.Connectors.Matomo;
using CustomerTimeline.Api.Connectors.Typeform;
using CustomerTimeline.Api.Connectors.Zendesk;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Tests.Connectors.Dataverse;
using CustomerTimeline.Tests.Connectors.Matomo;
using CustomerTimeline.Tests.Connectors.Typeform;
using CustomerTimeline.Tests.Connectors.Zendesk;
using CustomerTimeline.Tests.Sync;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CustomerTimeline.Tests.Connectors;

/// <summary>
/// retryDeadLetter with the four real connectors: each maps a stored payload again as its sync would, asking the
/// vendor only for what the payload lacks (a Zendesk comment's ticket, a ticket's solved time).
/// </summary>
[Collection(ConnectorTestGroup.Name)]
public sealed class DeadLetterRetryTests : IClassFixture<WireMockFixture>
{
    private const string EventsPath = "/api/v2/incremental/ticket_events.json";
    private const string ShowManyPath = "/api/v2/tickets/show_many.json";
    private const string DeadLetters = "query { deadLetters(source: ZENDESK) { totalCount nodes { id recordId reason attempts payload } } }";
    private const string Retry = "mutation($id: ID!) { retryDeadLetter(id: $id) { recordId resolved attempts reason } }";

    private readonly WireMockServer server;

    public DeadLetterRetryTests(WireMockFixture wireMock)
    {
        server = wireMock.Server;
        server.Reset();
    }

    [Fact]
    public async Task A_comment_whose_ticket_could_not_be_read_is_stored_by_a_retry_once_the_ticket_reads()
    {
        await using var synced = await SyncACommentWhoseTicketCannotBeReadAsync();
        var (api, client, letter) = (synced.Api, synced.Client, synced.Letter);
        letter["recordId"]!.GetValue<string>().ShouldBe("comment-1274");
        letter["reason"]!.GetValue<string>().ShouldContain("ticket 35436 could not be read");
        JsonNode.Parse(letter["payload"]!.GetValue<string>())!["ticket_id"]!.GetValue<long>()
            .ShouldBe(35436, "the comment does not carry its ticket; the dead letter keeps it for a retry");

        server.Reset();
        Respond(ShowManyPath, Samples.Read("zendesk-show-many.json"));
        var retried = (await client.QueryAsync(Retry, new { id = letter["id"]!.GetValue<string>() }))["retryDeadLetter"]!;

        retried["resolved"]!.GetValue<bool>().ShouldBeTrue();
        var comment = (await api.EventsAsync()).ShouldHaveSingleItem();
        comment.SourceRecordId.ShouldBe("comment-1274");
        comment.Title.ShouldBe("Customer message on #35436");
        (await api.CustomersAsync()).ShouldHaveSingleItem();
        server.LogEntries.Select(e => e.RequestMessage.Path).ShouldBe([ShowManyPath], "only the ticket is read again");
    }

    [Fact]
    public async Task A_retry_the_vendor_cannot_answer_changes_nothing_and_says_so()
    {
        await using var synced = await SyncACommentWhoseTicketCannotBeReadAsync();
        var (api, client, id) = (synced.Api, synced.Client, synced.Letter["id"]!.GetValue<string>());

        server.Reset();
        server.Given(Request.Create().WithPath(ShowManyPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"error":"Couldn't authenticate you"}"""));
        var response = await client.PostAsync(Retry, new { id });

        response.FirstErrorCode.ShouldBe("SOURCE_UNAVAILABLE");
        response.FirstErrorMessage.ShouldContain("credentials were refused");
        var letter = (await client.QueryAsync(DeadLetters))["deadLetters"]!["nodes"]![0]!;
        letter["attempts"]!.GetValue<int>().ShouldBe(1, "a vendor that cannot answer is not a failed mapping");
        (await api.EventsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_comment_whose_ticket_was_deleted_since_resolves_with_nothing_stored()
    {
        await using var synced = await SyncACommentWhoseTicketCannotBeReadAsync();
        var (api, client, id) = (synced.Api, synced.Client, synced.Letter["id"]!.GetValue<string>());

        server.Reset();
        Respond(ShowManyPath, """{"tickets":[],"count":0}""");
        var retried = (await client.QueryAsync(Retry, new { id }))["retryDeadLetter"]!;

        retried["resolved"]!.GetValue<bool>().ShouldBeTrue("as a sync skips a deleted ticket's comments");
        (await api.EventsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_ticket_maps_again_with_its_solved_time_from_show_many()
    {
        Respond(ShowManyPath, """
            {"tickets":[{"id":35436,"status":"solved"}],
             "metric_sets":[{"id":1,"ticket_id":35436,"solved_at":"2011-05-05T10:38:52Z"}]}
            """);
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));
        var payload = JsonNode.Parse(Samples.Read("zendesk-show-many.json"))!["tickets"]![0]!.ToJsonString();

        var records = await host.Connector<ZendeskConnector>().RemapAsync(ZendeskConnector.TicketsStream, payload, CancellationToken.None);

        var ticket = records.ShouldHaveSingleItem().ShouldBeOfType<SourceEvent>();
        ticket.RecordId.ShouldBe("ticket-35436");
        ticket.Details.ShouldBeOfType<TicketDetails>().SolvedAt.ShouldBe(DateTimeOffset.Parse("2011-05-05T10:38:52Z", System.Globalization.CultureInfo.InvariantCulture));
        var call = server.LogEntries.ShouldHaveSingleItem().RequestMessage;
        call.Query!["ids"].ShouldBe(["35436"]);
        call.Query!["include"].SelectMany(v => v.Split(',')).ShouldBe(["metric_sets", "users"]);
    }

    [Fact]
    public async Task A_zendesk_comment_letter_without_its_ticket_stays_unmappable_with_the_reason()
    {
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));
        const string Stored = """{"id":1274,"type":"Comment","author_id":1,"body":"Hi","public":true,"created_at":"2009-07-20T22:55:29Z"}""";

        var records = await host.Connector<ZendeskConnector>().RemapAsync(ZendeskConnector.CommentsStream, Stored, CancellationToken.None);

        records.ShouldHaveSingleItem().ShouldBeOfType<UnmappableRecord>().Reason.ShouldContain("does not say which ticket");
        server.LogEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_typeform_response_refused_under_a_wrong_score_field_maps_once_the_form_is_fixed()
    {
        Respond($"/forms/{TypeformSettings.FormId}/responses", Samples.Read("typeform-responses-page1.json"));
        var wrong = TypeformSettings.For(server.Url!);
        wrong[$"{TypeformOptions.Section}:Forms:0:ScoreFieldRef"] = "nps_scor";
        await using var broken = ConnectorTestHost.Create(wrong);
        var stream = TypeformConnector.StreamPrefix + TypeformSettings.FormId;
        var page = await broken.Connector<TypeformConnector>().FetchPageAsync(stream, null, CancellationToken.None);
        var dead = page.Records[0].ShouldBeOfType<UnmappableRecord>();
        dead.Reason.ShouldContain("nps_scor");

        var right = TypeformSettings.For(server.Url!);
        right[$"{TypeformOptions.Section}:Forms:0:ScoreFieldRef"] = "nps_score";
        await using var fixedHost = ConnectorTestHost.Create(right);
        var records = await fixedHost.Connector<TypeformConnector>().RemapAsync(stream, dead.Payload, CancellationToken.None);

        var answer = records.ShouldHaveSingleItem().ShouldBeOfType<SourceEvent>();
        answer.RecordId.ShouldBe(dead.RecordId);
        answer.Title.ShouldBe("NPS 9/10");
        (await fixedHost.Connector<TypeformConnector>().RemapAsync(TypeformConnector.StreamPrefix + "gone", dead.Payload, CancellationToken.None))
            .ShouldHaveSingleItem().ShouldBeOfType<UnmappableRecord>().Reason.ShouldContain("no longer reads the stream");
    }

    [Fact]
    public async Task Dataverse_and_Matomo_map_a_stored_row_as_their_sync_does()
    {
        await using var dataverse = ConnectorTestHost.Create(DataverseSettings.For(server.Url!), DataverseSettings.FakeToken);
        var contact = JsonNode.Parse(Samples.Read("dataverse-contacts-page1.json"))!["value"]![0]!;
        var fromRow = DataverseMapper.MapContact(JsonDocument.Parse(contact.ToJsonString()).RootElement);

        var remapped = await dataverse.Connector<DataverseConnector>().RemapAsync("contacts", contact.ToJsonString(), CancellationToken.None);

        remapped.Select(Describe).ShouldBe(fromRow.Select(Describe), "the person and its ContactChange event");
        remapped.Select(r => r.GetType()).ShouldBe([typeof(SourcePerson), typeof(SourceEvent)]);

        await using var matomo = ConnectorTestHost.Create(MatomoSettings.For(server.Url!));
        var visit = JsonNode.Parse(Samples.Read("matomo-visits-page1.json"))![0]!.ToJsonString();
        var mapped = await matomo.Connector<MatomoConnector>().RemapAsync(MatomoConnector.VisitsStream, visit, CancellationToken.None);
        mapped.Select(Describe).ShouldBe([Describe(MatomoMapper.Map(JsonDocument.Parse(visit).RootElement))]);

        (await matomo.Connector<MatomoConnector>().RemapAsync(MatomoConnector.VisitsStream, "{not json", CancellationToken.None))
            .ShouldHaveSingleItem().ShouldBeOfType<UnmappableRecord>().Reason.ShouldBe("The stored payload is not JSON.");
        server.LogEntries.ShouldBeEmpty("nothing to ask the vendor");
    }

    private static string Describe(SourceRecord record) => record switch
    {
        SourceEvent e => $"{e.RecordId} {e.UpdatedAt:O} {e.Kind} {e.OccurredAt:O} {e.Channel} {e.Title} {string.Join(',', e.Keys)} {e.Details.ToJson()}",
        SourcePerson p => $"{p.RecordId} {p.UpdatedAt:O} {p.DisplayName} {p.Email} {p.Phone} {p.Company} {string.Join(',', p.Keys)}",
        _ => record.ToString(),
    };

    /// <summary>A sync whose one comment was dead-lettered: show_many answered its ticket unreadable.</summary>
    private async Task<Synced> SyncACommentWhoseTicketCannotBeReadAsync()
    {
        StubComment();
        Respond(ShowManyPath, """{"tickets":[{"id":35436,"created_at":"2009-07-20T22:55:29Z","requester_id":"not a number","status":"open"}]}""");
        var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));
        var api = new SyncApiFactory(host.Connector<ZendeskConnector>());
        var client = api.CreateGraphQLClient();
        (await api.RunAsync(EventSource.Zendesk)).Outcome.ShouldBe(Api.Connectors.Sync.SyncOutcome.Succeeded);
        var letter = (await client.QueryAsync(DeadLetters))["deadLetters"]!["nodes"]![0]!;
        return new Synced(host, api, client, letter);
    }

    private sealed record Synced(ConnectorTestHost Host, SyncApiFactory Api, Infrastructure.GraphQLClient Client, JsonNode Letter) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            Api.Dispose();
            await Host.DisposeAsync();
        }
    }

    /// <summary>One comment of ticket 35436 by its requester, in a users and tickets export with nothing in them.</summary>
    private void StubComment()
    {
        Respond("/api/v2/incremental/users/cursor.json", """{"users":[],"after_cursor":null,"end_of_stream":true}""");
        Respond("/api/v2/incremental/tickets/cursor.json", """{"tickets":[],"after_cursor":null,"end_of_stream":true}""");
        Respond(EventsPath, """
            {"ticket_events":[{"id":1,"ticket_id":35436,"timestamp":1248130529,"created_at":"2009-07-20T22:55:29Z","updater_id":20978392,
              "event_type":"Audit","child_events":[{"id":1274,"type":"Comment","event_type":"Comment","author_id":20978392,
              "body":"The fire is very colorful.","public":true,"via":{"channel":"email"},"created_at":"2009-07-20T22:55:29Z"}]}],
             "count":1,"end_time":1248130529,"end_of_stream":true}
            """);
    }

    private void Respond(string path, string body) =>
        server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));
}
