using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Tests.Sandbox;

/// <summary>The sandbox Zendesk's ticket event export and show_many, over HTTP, and the export's paging rule.</summary>
public sealed class SandboxZendeskApiTests
{
    private static readonly SandboxExpectation Expected = SandboxExpectation.For(SandboxApiFactory.Seed, SandboxApiFactory.Events);

    [Fact]
    public async Task The_ticket_event_export_serves_every_comment_once_with_its_body_only_with_the_sideload()
    {
        await using var api = new SandboxApiFactory(scheduler: false);
        using var client = Client(api);

        using var full = await GetJsonAsync(client, "api/v2/incremental/ticket_events.json?start_time=0&include=comment_events");
        using var bare = await GetJsonAsync(client, "api/v2/incremental/ticket_events.json?start_time=0");

        var events = full.RootElement.GetProperty("ticket_events").EnumerateArray().ToList();
        events.Count.ShouldBe((int)Expected.EventsByKind[EventKind.TicketMessage], "one audit per generated comment, all on one page");
        full.RootElement.GetProperty("count").GetInt32().ShouldBe(events.Count);
        full.RootElement.GetProperty("end_of_stream").GetBoolean().ShouldBeTrue();
        var keys = events.Select(e => (e.GetProperty("timestamp").GetInt64(), e.GetProperty("id").GetInt64())).ToList();
        keys.ShouldBe(keys.Order().ToList(), "sorted by (timestamp, id)");
        var endTime = full.RootElement.GetProperty("end_time").GetInt64();
        endTime.ShouldBe(keys[^1].Item1);
        full.RootElement.GetProperty("next_page").GetString()!.ShouldEndWith(
            $"/sandbox/zendesk/api/v2/incremental/ticket_events.json?start_time={endTime.ToString(CultureInfo.InvariantCulture)}&include=comment_events");
        foreach (var e in events)
        {
            e.GetProperty("event_type").GetString().ShouldBe("Audit");
            var comment = e.GetProperty("child_events").EnumerateArray().ShouldHaveSingleItem();
            comment.GetProperty("event_type").GetString().ShouldBe("Comment");
            comment.GetProperty("body").GetString().ShouldNotBeNullOrWhiteSpace();
            comment.TryGetProperty("plain_body", out _).ShouldBeFalse("the sideload has no plain_body");
            comment.GetProperty("audit_id").GetInt64().ShouldBe(e.GetProperty("id").GetInt64());
            comment.GetProperty("created_at").GetString().ShouldBe(e.GetProperty("created_at").GetString());
            e.GetProperty("updater_id").GetInt64().ShouldBe(comment.GetProperty("author_id").GetInt64());
        }
        events.Select(e => e.GetProperty("child_events")[0].GetProperty("id").GetInt64()).Distinct().Count().ShouldBe(events.Count);

        var plain = bare.RootElement.GetProperty("ticket_events").EnumerateArray().ToList();
        plain.Select(e => e.GetProperty("id").GetInt64()).ShouldBe(keys.Select(k => k.Item2), "the same events in the same order");
        plain.ShouldAllBe(e => e.GetProperty("child_events").GetArrayLength() == 0 && e.GetProperty("comment_present").GetBoolean());
        plain.Count(e => !e.GetProperty("comment_public").GetBoolean()).ShouldBe(
            events.Count(e => !e.GetProperty("child_events")[0].GetProperty("public").GetBoolean()));

        using var after = await GetJsonAsync(client, $"api/v2/incremental/ticket_events.json?start_time={endTime + 1}&include=comment_events");
        after.RootElement.GetProperty("ticket_events").GetArrayLength().ShouldBe(0);
        after.RootElement.GetProperty("end_time").GetInt64().ShouldBe(endTime + 1, "an empty page keeps the start");
        after.RootElement.GetProperty("end_of_stream").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task The_ticket_event_export_needs_auth_and_a_start_time()
    {
        await using var api = new SandboxApiFactory(scheduler: false);
        using var client = Client(api);
        using var anonymous = Client(api, authorized: false);

        (await anonymous.GetAsync(new Uri("api/v2/incremental/ticket_events.json?start_time=0", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync(new Uri("api/v2/incremental/ticket_events.json", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync(new Uri("api/v2/incremental/ticket_events.json?start_time=soon", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Show_many_returns_the_existing_tickets_asked_for_at_most_100_ids()
    {
        await using var api = new SandboxApiFactory(scheduler: false);
        using var client = Client(api);
        using var anonymous = Client(api, authorized: false);
        var tickets = api.Services.GetRequiredService<SandboxDataStore>().Dataset.ZendeskTickets.Select(t => t.Number).ToList();
        tickets.Count.ShouldBe((int)Expected.EventsByKind[EventKind.Ticket]);

        var asked = new[] { tickets[2], 999, tickets[0], tickets[1] };
        using var answer = await GetJsonAsync(client, "api/v2/tickets/show_many.json?ids=" + string.Join(',', asked));
        var found = answer.RootElement.GetProperty("tickets").EnumerateArray().ToList();
        found.Select(t => t.GetProperty("id").GetInt64()).ShouldBe([tickets[2], tickets[0], tickets[1]], "the unknown id is left out");
        found.ShouldAllBe(t => t.GetProperty("requester_id").GetInt64() > 0);

        var hundred = string.Join(',', Enumerable.Range(1, 100));
        (await client.GetAsync(new Uri("api/v2/tickets/show_many.json?ids=" + hundred, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync(new Uri("api/v2/tickets/show_many.json?ids=" + hundred + ",101", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync(new Uri("api/v2/tickets/show_many.json", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync(new Uri("api/v2/tickets/show_many.json?ids=1,x", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await anonymous.GetAsync(new Uri("api/v2/tickets/show_many.json?ids=1", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void Pages_end_on_a_whole_second_and_the_next_page_starting_at_end_time_moves_on()
    {
        // 2,500 events, 7 a second: a 1000-event window always cuts a second in two.
        var events = Enumerable.Range(0, 2500).Select(i => new SandboxRecord(1_000 + i / 7, i, "", [])).ToList();
        var seen = new HashSet<long>();
        long start = 0;
        var pages = 0;
        while (true)
        {
            var (from, end, endTime, endOfStream) = SandboxZendeskApi.TicketEventPage(events, start);
            pages++;
            (end - from).ShouldBeLessThanOrEqualTo(1000);
            endTime.ShouldBe(events[end - 1].Time);
            for (var i = from; i < end; i++) seen.Add(events[i].Number);
            if (endOfStream) break;
            events[end].Time.ShouldBeGreaterThan(events[end - 1].Time, "a page never ends inside a second");
            endTime.ShouldBeGreaterThan(start, "the next page moves on");
            start = endTime;
        }
        seen.Count.ShouldBe(events.Count, "every event served");
        pages.ShouldBe(3);
    }

    [Fact]
    public void A_second_holding_more_events_than_a_page_gives_an_end_time_that_does_not_move()
    {
        var events = Enumerable.Range(0, 1200).Select(i => new SandboxRecord(i < 1100 ? 500 : 501, i, "", [])).ToList();

        var (from, end, endTime, endOfStream) = SandboxZendeskApi.TicketEventPage(events, 500);

        (from, end).ShouldBe((0, 1000));
        endTime.ShouldBe(500);
        endOfStream.ShouldBeFalse();
    }

    private static HttpClient Client(SandboxApiFactory api, bool authorized = true)
    {
        var root = api.Services.GetRequiredService<IOptions<SandboxOptions>>().Value.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var client = new HttpClient { BaseAddress = new Uri(root + "/sandbox/zendesk/") };
        if (authorized)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(
                Encoding.UTF8.GetBytes($"{SandboxCredentials.ZendeskEmail}/token:{SandboxCredentials.ZendeskApiToken}")));
        return client;
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
