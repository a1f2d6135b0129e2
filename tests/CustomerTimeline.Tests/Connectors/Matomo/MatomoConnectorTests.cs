using System.Text.Json;
using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Matomo;
using CustomerTimeline.Api.Data;
using Microsoft.AspNetCore.WebUtilities;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CustomerTimeline.Tests.Connectors.Matomo;

[Collection(ConnectorTestGroup.Name)]
public sealed class MatomoConnectorTests : IClassFixture<WireMockFixture>
{
    private readonly WireMockServer server;

    public MatomoConnectorTests(WireMockFixture wireMock)
    {
        server = wireMock.Server;
        server.Reset();
    }

    [Fact]
    public async Task Visits_page_by_last_action_time_without_losing_or_repeating_ties()
    {
        // Page 1 ends on two visits at 1717243200; page 2 repeats 813 (same second) and must drop it.
        Page("1717243199", "matomo-visits-page1.json", minTimestamp: "1717199999");
        Page("1717243199", "matomo-visits-page2.json", minTimestamp: "1717243199");
        await using var host = ConnectorTestHost.Create(MatomoSettings.For(server.Url!));
        var connector = host.Connector<MatomoConnector>();

        var first = await connector.FetchPageAsync("visits", null, CancellationToken.None);
        var second = await connector.FetchPageAsync("visits", first.NextCursor, CancellationToken.None);

        first.Records.Select(r => r.RecordId).ShouldBe(["visit-812", "visit-813"]);
        first.EndOfStream.ShouldBeFalse("a full page (filter_limit rows) may have more behind it");
        Cursor(first).ShouldBe("1717243200:812,813");

        second.Records.Select(r => r.RecordId).ShouldBe(["visit-814", "visit-815"]);
        second.Records[0].ShouldBeOfType<UnmappableRecord>().Reason.ShouldContain("visitorId");
        second.EndOfStream.ShouldBeTrue("3 rows for a filter_limit of 4 (2 + the 2 seen at the cursor)");
        Cursor(second).ShouldBe("1717243400:815");

        var secondForm = Form(server.LogEntries[1]);
        secondForm["filter_limit"].ShouldBe("4");
        secondForm["filter_offset"].ShouldBe("0");
        secondForm["filter_sort_order"].ShouldBe("asc");
    }

    [Fact]
    public async Task Visits_recorded_after_the_cursor_passed_them_are_read_again_every_interval()
    {
        await using var host = ConnectorTestHost.Create(MatomoSettings.For(server.Url!));
        var connector = host.Connector<MatomoConnector>();
        connector.Streams.ShouldBe(["visits", "late-visits"]);

        // The first read is an interval after the first sync.
        var idle = await connector.FetchPageAsync("late-visits", null, CancellationToken.None);
        idle.Records.ShouldBeEmpty();
        idle.EndOfStream.ShouldBeTrue();
        server.LogEntries.ShouldBeEmpty();

        host.Time.Advance(TimeSpan.FromHours(6));
        var start = host.Time.GetUtcNow().ToUnixTimeSeconds();
        // A mobile app's visit sent from its offline queue, dated two hours back; then one after the read's start.
        server.Given(Request.Create().WithPath("/index.php").UsingPost()).RespondWith(Response.Create()
            .WithHeader("Content-Type", "application/json").WithBody(Visits((812, start - 7200), (813, start + 5))));

        var late = await connector.FetchPageAsync("late-visits", idle.NextCursor, CancellationToken.None);

        late.Records.Select(r => r.RecordId).ShouldBe(["visit-812"], "the visits' own stream reads from the start on");
        late.EndOfStream.ShouldBeTrue();
        var form = Form(server.LogEntries.Single());
        form["minTimestamp"].ShouldBe((start - 86400 - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "a day back");
        form["filter_offset"].ShouldBe("0");
        form["filter_sort_order"].ShouldBe("asc");

        // Done until the next interval.
        host.Time.Advance(TimeSpan.FromHours(1));
        (await connector.FetchPageAsync("late-visits", late.NextCursor, CancellationToken.None)).Records.ShouldBeEmpty();
        server.LogEntries.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_late_read_larger_than_a_page_goes_on_by_offset()
    {
        await using var host = ConnectorTestHost.Create(MatomoSettings.For(server.Url!));
        var connector = host.Connector<MatomoConnector>();
        var idle = await connector.FetchPageAsync("late-visits", null, CancellationToken.None);
        host.Time.Advance(TimeSpan.FromHours(7));
        var start = host.Time.GetUtcNow().ToUnixTimeSeconds();
        server.Given(Request.Create().WithPath("/index.php").UsingPost().WithBody(b => b!.Contains("filter_offset=0", StringComparison.Ordinal)))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(Visits((812, start - 9000), (813, start - 8000))));
        server.Given(Request.Create().WithPath("/index.php").UsingPost().WithBody(b => b!.Contains("filter_offset=2", StringComparison.Ordinal)))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(Visits((814, start - 10))));

        var first = await connector.FetchPageAsync("late-visits", idle.NextCursor, CancellationToken.None);
        var second = await connector.FetchPageAsync("late-visits", first.NextCursor, CancellationToken.None);

        first.EndOfStream.ShouldBeFalse();
        first.Records.Select(r => r.RecordId).ShouldBe(["visit-812", "visit-813"]);
        second.EndOfStream.ShouldBeTrue();
        second.Records.Select(r => r.RecordId).ShouldBe(["visit-814"]);
    }

    /// <summary>The first sample visit under other ids and last-action times.</summary>
    private static string Visits(params (int Id, long LastAction)[] visits)
    {
        var sample = JsonSerializer.Deserialize<List<Dictionary<string, object?>>>(Samples.Read("matomo-visits-page1.json"))![0];
        return JsonSerializer.Serialize(visits.Select(v => new Dictionary<string, object?>(sample)
        {
            ["idVisit"] = v.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["lastActionTimestamp"] = v.LastAction,
            ["serverTimestamp"] = v.LastAction,
            ["firstActionTimestamp"] = v.LastAction - 60,
        }));
    }

    [Fact]
    public async Task An_incremental_read_resumes_from_the_stored_cursor()
    {
        Page("0", "matomo-visits-page2.json", minTimestamp: "1717243199");
        await using var host = ConnectorTestHost.Create(MatomoSettings.For(server.Url!));

        var page = await host.Connector<MatomoConnector>().FetchPageAsync(
            "visits", "{\"ts\":1717243200,\"seen\":[813]}", CancellationToken.None);

        page.Records.Select(r => r.RecordId).ShouldBe(["visit-814", "visit-815"]);
        Form(server.LogEntries.Single())["minTimestamp"].ShouldBe("1717243199");
    }

    [Fact]
    public async Task Visits_map_to_web_visit_events_with_visitor_user_and_email_keys()
    {
        Page("0", "matomo-visits-page1.json");
        await using var host = ConnectorTestHost.Create(MatomoSettings.For(server.Url!));

        var page = await host.Connector<MatomoConnector>().FetchPageAsync("visits", null, CancellationToken.None);

        var anonymous = page.Records[0].ShouldBeOfType<SourceEvent>();
        anonymous.Kind.ShouldBe(EventKind.WebVisit);
        anonymous.Keys.ShouldBe([new IdentityKey(IdentityKind.MatomoVisitorId, "a1b2c3d4e5f60718")]);
        anonymous.OccurredAt.ToUnixTimeSeconds().ShouldBe(1717243075);
        anonymous.UpdatedAt.ToUnixTimeSeconds().ShouldBe(1717243200);
        anonymous.Title.ShouldBe("Visited 2 pages");
        var visit = anonymous.Details.ShouldBeOfType<WebVisitDetails>();
        visit.Pages.ShouldBe([new VisitedPage("https://shop.example.com/", "Home", 35), new VisitedPage("https://shop.example.com/pricing", "Pricing", 90)]);
        visit.DurationSeconds.ShouldBe(125);
        visit.Referrer.ShouldBe("https://www.google.com/");
        visit.ReferrerType.ShouldBe("search");
        visit.Device.ShouldBe("Desktop");
        visit.Browser.ShouldBe("Firefox");
        visit.Country.ShouldBe("France");

        var known = page.Records[1].ShouldBeOfType<SourceEvent>();
        known.Keys.ShouldBe([
            new IdentityKey(IdentityKind.MatomoVisitorId, "0f1e2d3c4b5a6978"),
            new IdentityKey(IdentityKind.MatomoUserId, "Jane.Doe@example.com"),
            new IdentityKey(IdentityKind.Email, "Jane.Doe@example.com"),
        ]);
        known.Details.ShouldBeOfType<WebVisitDetails>().Goals.ShouldBe(["Signed in"]);
    }

    [Fact]
    public async Task Token_auth_travels_in_the_post_body_never_in_the_url()
    {
        Page("0", "matomo-visits-page1.json");
        await using var host = ConnectorTestHost.Create(MatomoSettings.For(server.Url!));

        await host.Connector<MatomoConnector>().FetchPageAsync("visits", null, CancellationToken.None);

        var request = server.LogEntries.Single().RequestMessage;
        request.Method.ShouldBe("POST");
        request.Url.ShouldNotContain("token_auth");
        request.Url.ShouldNotContain(MatomoSettings.Token);
        var form = Form(server.LogEntries.Single());
        form["token_auth"].ShouldBe(MatomoSettings.Token);
        form["module"].ShouldBe("API");
        form["method"].ShouldBe("Live.getLastVisitsDetails");
        form["idSite"].ShouldBe("1");
        form["format"].ShouldBe("JSON");
    }

    [Fact]
    public async Task A_refused_token_is_an_authentication_failure()
    {
        server.Given(Request.Create().WithPath("/index.php").UsingPost()).RespondWith(Response.Create()
            .WithHeader("Content-Type", "application/json")
            .WithBody("{\"result\":\"error\",\"message\":\"You can't access this resource as it requires 'view' access for the website id = 1.\"}"));
        await using var host = ConnectorTestHost.Create(MatomoSettings.For(server.Url!));

        var error = await Should.ThrowAsync<SourceUnavailableException>(
            () => host.Connector<MatomoConnector>().FetchPageAsync("visits", null, CancellationToken.None));

        error.Failure.ShouldBe(SourceFailure.AuthenticationFailed);
    }

    [Theory]
    [InlineData("<html><body>Maintenance</body></html>")]
    [InlineData("[{\"idVisit\": 1,")]
    [InlineData("{\"visits\": []}")]
    public async Task A_body_that_is_not_a_visit_array_or_an_error_object_is_a_malformed_response(string body)
    {
        server.Given(Request.Create().WithPath("/index.php").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));
        await using var host = ConnectorTestHost.Create(MatomoSettings.For(server.Url!));

        var error = await Should.ThrowAsync<SourceUnavailableException>(
            () => host.Connector<MatomoConnector>().FetchPageAsync("visits", null, CancellationToken.None));

        error.Failure.ShouldBe(SourceFailure.MalformedResponse);
    }

    private void Page(string _, string sample, string? minTimestamp = null)
    {
        var request = Request.Create().WithPath("/index.php").UsingPost();
        if (minTimestamp is not null) request = request.WithBody(b => b is not null && b.Contains($"minTimestamp={minTimestamp}", StringComparison.Ordinal));
        server.Given(request).RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(Samples.Read(sample)));
    }

    private static string Cursor(SourcePage page)
    {
        var cursor = JsonSerializer.Deserialize<MatomoCursor>(page.NextCursor!)!;
        return $"{cursor.Timestamp}:{string.Join(',', cursor.Seen)}";
    }

    private static Dictionary<string, string> Form(WireMock.Logging.ILogEntry entry) =>
        QueryHelpers.ParseQuery(entry.RequestMessage.Body).ToDictionary(p => p.Key, p => p.Value.ToString());
}
