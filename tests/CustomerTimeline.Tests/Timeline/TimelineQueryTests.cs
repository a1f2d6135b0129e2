using System.Text.Json.Nodes;
using CustomerTimeline.Tests.Infrastructure;

namespace CustomerTimeline.Tests.Timeline;

public sealed class TimelineQueryTests(SampleApiFixture fixture) : IClassFixture<SampleApiFixture>
{
    private const string Page = """
        query($id: ID!, $first: Int, $after: String, $last: Int, $before: String, $filter: TimelineFilter) {
          customer(id: $id) {
            timeline(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
              totalCount
              pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              edges { cursor node { __typename id sourceRecordId occurredAt kind source channel } }
            }
          }
        }
        """;

    private async Task<string> AliceIdAsync()
    {
        var data = await fixture.Client.QueryAsync("""{ customerByIdentity(email: "alice.martin@example.com") { id } }""");
        return data["customerByIdentity"]!["id"]!.GetValue<string>();
    }

    private async Task<JsonNode> TimelineAsync(object variables) =>
        (await fixture.Client.QueryAsync(Page, variables))["customer"]!["timeline"]!;

    private static List<string> Ids(JsonNode timeline) =>
        timeline["edges"]!.AsArray().Select(e => e!["node"]!["sourceRecordId"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Timeline_is_newest_first_with_ties_broken_by_id()
    {
        var timeline = await TimelineAsync(new { id = await AliceIdAsync(), first = 100 });
        var edges = timeline["edges"]!.AsArray();
        edges.Count.ShouldBe(12);
        timeline["totalCount"]!.GetValue<int>().ShouldBe(12);
        var times = edges.Select(e => DateTimeOffset.Parse(e!["node"]!["occurredAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        times.ShouldBe(times.OrderByDescending(t => t).ToList());
        // The four comments share a timestamp; later inserts (higher ids) come first.
        Ids(timeline).Where(id => id.StartsWith("comment-", StringComparison.Ordinal))
            .ShouldBe(["comment-4", "comment-3", "comment-2", "comment-1"]);
        Ids(timeline)[0].ShouldBe("note-1");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public async Task Paging_forward_visits_every_event_once(int size)
    {
        var id = await AliceIdAsync();
        var all = Ids(await TimelineAsync(new { id, first = 100 }));
        var seen = new List<string>();
        string? after = null;
        for (var guard = 0; guard < 20; guard++)
        {
            var page = await TimelineAsync(new { id, first = size, after });
            seen.AddRange(Ids(page));
            page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>().ShouldBe(after is not null);
            if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>()) break;
            after = page["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
        seen.ShouldBe(all);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Paging_backward_visits_every_event_once_in_list_order(int size)
    {
        var id = await AliceIdAsync();
        var all = Ids(await TimelineAsync(new { id, first = 100 }));
        var pages = new List<List<string>>();
        string? before = null;
        for (var guard = 0; guard < 20; guard++)
        {
            var page = await TimelineAsync(new { id, last = size, before });
            pages.Insert(0, Ids(page));
            if (!page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>()) break;
            before = page["pageInfo"]!["startCursor"]!.GetValue<string>();
        }
        pages.SelectMany(p => p).ToList().ShouldBe(all);
    }

    [Fact]
    public async Task Forward_and_backward_meet_at_a_cursor()
    {
        var id = await AliceIdAsync();
        var first = await TimelineAsync(new { id, first = 6 });
        var cursor = first["pageInfo"]!["endCursor"]!.GetValue<string>();
        var back = await TimelineAsync(new { id, last = 2, before = cursor });
        Ids(back).ShouldBe(Ids(first).Skip(3).Take(2).ToList());
        back["pageInfo"]!["hasNextPage"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Filter_by_source()
    {
        var t = await TimelineAsync(new { id = await AliceIdAsync(), first = 100, filter = new { sources = new[] { "ZENDESK" } } });
        Ids(t).ShouldAllBe(x => x.StartsWith("ticket-", StringComparison.Ordinal) || x.StartsWith("comment-", StringComparison.Ordinal));
        t["totalCount"]!.GetValue<int>().ShouldBe(5);
    }

    [Fact]
    public async Task Filter_by_kinds()
    {
        var t = await TimelineAsync(new { id = await AliceIdAsync(), first = 100, filter = new { kinds = new[] { "WEB_VISIT", "SURVEY_ANSWER" } } });
        Ids(t).ShouldBe(["nps-1", "visit-2", "visit-1"]);
        t["totalCount"]!.GetValue<int>().ShouldBe(3);
    }

    [Fact]
    public async Task Filter_by_channel()
    {
        var t = await TimelineAsync(new { id = await AliceIdAsync(), first = 100, filter = new { channels = new[] { "PHONE", "NOTE" } } });
        Ids(t).ShouldBe(["note-1", "call-1"]);
    }

    [Fact]
    public async Task Filter_by_time_window_is_from_inclusive_to_exclusive()
    {
        var from = SampleData.T0.AddDays(2).ToString("O");
        var to = SampleData.T0.AddDays(4).ToString("O");
        var t = await TimelineAsync(new { id = await AliceIdAsync(), first = 100, filter = new { from, to } });
        Ids(t).ShouldBe(["visit-1", "comment-4", "comment-3", "comment-2", "comment-1"]);
    }

    [Fact]
    public async Task Filters_combine_and_page()
    {
        var id = await AliceIdAsync();
        var filter = new { sources = new[] { "ZENDESK" }, kinds = new[] { "TICKET_MESSAGE" } };
        var p1 = await TimelineAsync(new { id, first = 3, filter });
        Ids(p1).ShouldBe(["comment-4", "comment-3", "comment-2"]);
        var p2 = await TimelineAsync(new { id, first = 3, after = p1["pageInfo"]!["endCursor"]!.GetValue<string>(), filter });
        Ids(p2).ShouldBe(["comment-1"]);
        p2["pageInfo"]!["hasNextPage"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task Each_kind_has_its_own_type_with_typed_fields()
    {
        var data = await fixture.Client.QueryAsync("""
            query($id: ID!) { customer(id: $id) { timeline(first: 100) { nodes {
              __typename
              ... on ContactChangeEvent { changedFields jobTitle }
              ... on CrmActivityEvent { activityType subject direction durationMinutes }
              ... on TicketEvent { subject status priority ticketType tags }
              ... on TicketMessageEvent { ticketId author isPublic body via }
              ... on WebVisitEvent { visitorId pages { url timeSpentSeconds } durationSeconds referrer device goals }
              ... on SurveyAnswerEvent { surveyType score scaleMin scaleMax comment language }
            } } } }
            """, new { id = await AliceIdAsync() });
        var nodes = data["customer"]!["timeline"]!["nodes"]!.AsArray();
        nodes.Select(n => n!["__typename"]!.GetValue<string>()).Distinct().Order().ShouldBe(
            ["ContactChangeEvent", "CrmActivityEvent", "SurveyAnswerEvent", "TicketEvent", "TicketMessageEvent", "WebVisitEvent"]);
        var ticket = nodes.Single(n => n!["__typename"]!.GetValue<string>() == "TicketEvent")!;
        ticket["priority"]!.GetValue<string>().ShouldBe("high");
        ticket["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["sync", "bug"]);
        var call = nodes.Single(n => n!["activityType"]?.GetValue<string>() == "phonecall")!;
        call["durationMinutes"]!.GetValue<int>().ShouldBe(25);
        var survey = nodes.Single(n => n!["__typename"]!.GetValue<string>() == "SurveyAnswerEvent")!;
        survey["score"]!.GetValue<int>().ShouldBe(3);
        survey["comment"]!.GetValue<string>().ShouldBe("Pas satisfait du tout");
        var visit = nodes.First(n => n!["__typename"]!.GetValue<string>() == "WebVisitEvent")!;
        visit["pages"]![0]!["url"]!.GetValue<string>().ShouldBe("https://example.com/pricing");
    }

    [Fact]
    public async Task Event_is_reachable_through_node()
    {
        var t = await TimelineAsync(new { id = await AliceIdAsync(), first = 1 });
        var eventId = t["edges"]![0]!["node"]!["id"]!.GetValue<string>();
        var data = await fixture.Client.QueryAsync("""
            query($id: ID!) { node(id: $id) { id __typename ... on TimelineEvent { title customer { displayName } } } }
            """, new { id = eventId });
        data["node"]!["id"]!.GetValue<string>().ShouldBe(eventId);
        data["node"]!["customer"]!["displayName"]!.GetValue<string>().ShouldBe("Alice Martin");
    }
}
