using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Connectors.Zendesk;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Tests.Sync;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CustomerTimeline.Tests.Connectors.Zendesk;

/// <summary>Zendesk's satisfaction ratings, as the tickets carry them, on the requester's timeline and in the insights.</summary>
[Collection(ConnectorTestGroup.Name)]
public sealed class ZendeskSatisfactionTests : IClassFixture<WireMockFixture>
{
    private const string TicketsPath = "/api/v2/incremental/tickets/cursor.json";
    private const string Customer = """
        query { customers(first: 5) { nodes { displayName
          signals { kind }
          timeline(first: 10, filter: { kinds: [SURVEY_ANSWER] }) { nodes { title ... on SurveyAnswerEvent { surveyType score scaleMin scaleMax comment formId source } } }
        } } }
        """;

    private readonly WireMockServer server;

    public ZendeskSatisfactionTests(WireMockFixture wireMock)
    {
        server = wireMock.Server;
        server.Reset();
    }

    [Fact]
    public async Task A_bad_rating_is_a_CSAT_answer_that_raises_low_satisfaction_and_leaves_with_its_deleted_ticket()
    {
        Respond("/api/v2/incremental/users/cursor.json", """
            {"users":[{"id":20978392,"name":"Roger Wilco","email":"roger@example.com","role":"end-user","active":true,"updated_at":"2026-02-27T09:00:00Z"}],
             "after_cursor":"u1","end_of_stream":true}
            """);
        Respond(TicketsPath, Page(Ticket(1, "solved", "bad", "Still broken after three calls.", "2026-02-28T10:00:00Z"),
            Ticket(2, "solved", "offered", null, "2026-02-28T11:00:00Z")));
        Respond("/api/v2/incremental/ticket_events.json", """{"ticket_events":[],"count":0,"end_time":1230768000,"end_of_stream":true}""");
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));
        using var api = new SyncApiFactory(host.Connector<ZendeskConnector>());
        using var client = api.CreateGraphQLClient();

        var run = await api.RunAsync(EventSource.Zendesk);
        run.Outcome.ShouldBe(SyncOutcome.Succeeded, run.Error);

        var customer = (await client.QueryAsync(Customer))["customers"]!["nodes"]![0]!;
        var answer = customer["timeline"]!["nodes"]!.AsArray().ShouldHaveSingleItem("an offered survey nobody answered is no answer")!;
        answer["title"]!.GetValue<string>().ShouldBe("CSAT bad on #1");
        (answer["surveyType"]!.GetValue<string>(), answer["score"]!.GetValue<int>(), answer["scaleMin"]!.GetValue<int>(), answer["scaleMax"]!.GetValue<int>())
            .ShouldBe(("CSAT", 1, 1, 5));
        answer["comment"]!.GetValue<string>().ShouldBe("Still broken after three calls.");
        answer["source"]!.GetValue<string>().ShouldBe("ZENDESK");
        customer["signals"]!.AsArray().Select(s => s!["kind"]!.GetValue<string>()).ShouldContain("low-satisfaction");

        // The ticket is deleted: its rating leaves the timeline with it.
        server.Reset();
        Respond("/api/v2/incremental/users/cursor.json", """{"users":[],"after_cursor":"u1","end_of_stream":true}""");
        Respond(TicketsPath, Page(Ticket(1, "deleted", "bad", "Still broken after three calls.", "2026-02-28T12:00:00Z")));
        Respond("/api/v2/incremental/ticket_events.json", """{"ticket_events":[],"count":0,"end_time":1230768000,"end_of_stream":true}""");
        run = await api.RunAsync(EventSource.Zendesk);
        run.Outcome.ShouldBe(SyncOutcome.Succeeded, run.Error);

        (await api.EventsAsync()).Select(e => e.SourceRecordId).ShouldBe(["ticket-2"]);
    }

    private static string Ticket(long id, string status, string score, string? comment, string updatedAt) => $$$"""
        {"id":{{{id}}},"subject":"Ticket {{{id}}}","description":"Text","status":"{{{status}}}","priority":"normal","requester_id":20978392,
         "created_at":"2026-02-28T08:00:00Z","updated_at":"{{{updatedAt}}}","via":{"channel":"web"},
         "satisfaction_rating":{"id":{{{id + 9000}}},"score":"{{{score}}}","comment":{{{(comment is null ? "null" : "\"" + comment + "\"")}}}}}
        """;

    private static string Page(params string[] tickets) =>
        $$"""{"tickets":[{{string.Join(',', tickets)}}],"metric_sets":[],"users":[],"after_cursor":"t1","end_of_stream":true}""";

    private void Respond(string path, string body) =>
        server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));
}
