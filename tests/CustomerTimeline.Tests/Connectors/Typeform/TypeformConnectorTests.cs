using System.Text.Json;
using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Typeform;
using CustomerTimeline.Api.Data;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CustomerTimeline.Tests.Connectors.Typeform;

[Collection(ConnectorTestGroup.Name)]
public sealed class TypeformConnectorTests : IClassFixture<WireMockFixture>
{
    private const string Path = "/forms/" + TypeformSettings.FormId + "/responses";
    private readonly WireMockServer server;

    public TypeformConnectorTests(WireMockFixture wireMock)
    {
        server = wireMock.Server;
        server.Reset();
    }

    [Fact]
    public async Task Responses_page_with_after_tokens_to_the_end()
    {
        Page("typeform-responses-page2.json", after: "610fc266478b41e4927945e20fe54ad2");
        Page("typeform-responses-page1.json", after: null);
        await using var host = ConnectorTestHost.Create(TypeformSettings.For(server.Url!));
        var connector = host.Connector<TypeformConnector>();
        connector.Streams.ShouldBe(["responses:lR6F4j"]);

        var first = await connector.FetchPageAsync("responses:lR6F4j", null, CancellationToken.None);
        var second = await connector.FetchPageAsync("responses:lR6F4j", first.NextCursor, CancellationToken.None);

        first.EndOfStream.ShouldBeFalse();
        first.Records.Select(r => r.RecordId).ShouldBe(["21085286190ffad1248d17c4135ee56f", "610fc266478b41e4927945e20fe54ad2"]);
        second.EndOfStream.ShouldBeTrue();
        second.Records.Single().ShouldBeOfType<UnmappableRecord>().Reason.ShouldContain("score");
        JsonSerializer.Deserialize<TypeformCursor>(second.NextCursor!)!.After.ShouldBe("9fd2a1a0b4e54e7f9bd0d0b6c1b2a3c4");

        var firstQuery = server.LogEntries[0].RequestMessage.Query!;
        firstQuery["since"].Single().ShouldBe("2017-09-01T00:00:00");
        firstQuery["sort"].Single().ShouldBe("submitted_at,asc");
        firstQuery["response_type"].Single().ShouldBe("completed");
        firstQuery["page_size"].Single().ShouldBe("2");
        var secondQuery = server.LogEntries[1].RequestMessage.Query!;
        secondQuery["after"].Single().ShouldBe("610fc266478b41e4927945e20fe54ad2");
        secondQuery.ContainsKey("sort").ShouldBeFalse("Typeform rejects sort together with after");
    }

    [Fact]
    public async Task The_token_stays_before_responses_too_recent_for_Typeform_to_list_them_all()
    {
        await using var host = ConnectorTestHost.Create(TypeformSettings.For(server.Url!));
        var now = host.Time.GetUtcNow();
        var connector = host.Connector<TypeformConnector>();
        // A settled response and one from five minutes ago.
        Respond(after: null, Item("old", now.AddHours(-2)), Item("recent", now.AddMinutes(-5)));

        var first = await connector.FetchPageAsync("responses:lR6F4j", null, CancellationToken.None);

        first.Records.Select(r => r.RecordId).ShouldBe(["old", "recent"], "stored as soon as listed");
        After(first).ShouldBe("old");

        // Typeform lists a response submitted 40 minutes ago only now: read, because the token stayed before "recent".
        Respond(after: "old", Item("recent", now.AddMinutes(-5)), Item("late", now.AddMinutes(-40)));
        var second = await connector.FetchPageAsync("responses:lR6F4j", first.NextCursor, CancellationToken.None);

        second.Records.Select(r => r.RecordId).ShouldBe(["recent", "late"]);
        After(second).ShouldBe("old", "\"recent\" is still within the window");

        host.Time.Advance(TimeSpan.FromMinutes(31));
        var third = await connector.FetchPageAsync("responses:lR6F4j", second.NextCursor, CancellationToken.None);
        After(third).ShouldBe("late", "every response read is settled now");
    }

    [Fact]
    public async Task A_full_page_of_recent_responses_is_passed_whole_so_the_run_moves_on()
    {
        await using var host = ConnectorTestHost.Create(TypeformSettings.For(server.Url!));
        var now = host.Time.GetUtcNow();
        Respond(after: "stored", Item("r1", now.AddMinutes(-3)), Item("r2", now.AddMinutes(-2)), pageCount: 3);

        var page = await host.Connector<TypeformConnector>().FetchPageAsync(
            "responses:lR6F4j", "{\"since\":\"2017-09-01T00:00:00\",\"after\":\"stored\"}", CancellationToken.None);

        page.EndOfStream.ShouldBeFalse();
        After(page).ShouldBe("r2");
    }

    private static string? After(SourcePage page) => JsonSerializer.Deserialize<TypeformCursor>(page.NextCursor!)!.After;

    private static string Item(string token, DateTimeOffset submittedAt) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["token"] = token,
        ["response_id"] = token,
        ["landed_at"] = submittedAt.AddMinutes(-3).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        ["submitted_at"] = submittedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        ["hidden"] = new Dictionary<string, string> { ["email"] = token + "@example.com" },
        ["answers"] = new object[]
        {
            new Dictionary<string, object> { ["field"] = new Dictionary<string, string> { ["id"] = "f1", ["type"] = "nps", ["ref"] = "nps_score" }, ["type"] = "number", ["number"] = 8 },
        },
    });

    private void Respond(string? after, string first, string second, int pageCount = 1)
    {
        var request = Request.Create().WithPath(Path).UsingGet();
        request = after is null ? request.WithParam("sort") : request.WithParam("after", after);
        server.Given(request).RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
            .WithBody($"{{\"total_items\":{pageCount * 2},\"page_count\":{pageCount},\"items\":[{first},{second}]}}"));
    }

    [Fact]
    public async Task An_incremental_read_resumes_after_the_stored_token()
    {
        Page("typeform-responses-page2.json", after: "stored-token");
        await using var host = ConnectorTestHost.Create(TypeformSettings.For(server.Url!));

        var page = await host.Connector<TypeformConnector>().FetchPageAsync(
            "responses:lR6F4j", "{\"since\":\"2017-09-01T00:00:00\",\"after\":\"stored-token\"}", CancellationToken.None);

        page.Records.ShouldHaveSingleItem();
        server.LogEntries.Single().RequestMessage.Query!["after"].Single().ShouldBe("stored-token");
    }

    [Fact]
    public async Task Nps_answers_map_with_score_comment_and_respondent_keys_and_bearer_auth()
    {
        Page("typeform-responses-page1.json", after: null);
        await using var host = ConnectorTestHost.Create(TypeformSettings.For(server.Url!));

        var page = await host.Connector<TypeformConnector>().FetchPageAsync("responses:lR6F4j", null, CancellationToken.None);

        var promoter = page.Records[0].ShouldBeOfType<SourceEvent>();
        promoter.Kind.ShouldBe(EventKind.SurveyAnswer);
        promoter.Channel.ShouldBe(Channel.Survey);
        promoter.Title.ShouldBe("NPS 9/10");
        promoter.Keys.ShouldBe([
            new IdentityKey(IdentityKind.Email, "lian1078@other.com"),
            new IdentityKey(IdentityKind.TypeformRespondentId, "crm-4471"),
        ]);
        var answer = promoter.Details.ShouldBeOfType<SurveyAnswerDetails>();
        answer.FormId.ShouldBe("lR6F4j");
        answer.SurveyType.ShouldBe("NPS");
        (answer.Score, answer.ScaleMin, answer.ScaleMax).ShouldBe((9, 0, 10));
        answer.Comment.ShouldStartWith("It's a big, busy city.");

        var detractor = page.Records[1].ShouldBeOfType<SourceEvent>();
        detractor.Title.ShouldBe("NPS 3/10");
        detractor.Keys.ShouldContain(new IdentityKey(IdentityKind.Email, "sarahbsmith@example.com"), "no hidden email: the email answer");

        var request = server.LogEntries.Single().RequestMessage;
        request.Headers!["Authorization"].Single().ShouldBe("Bearer " + TypeformSettings.Token);
        request.Url.ShouldNotContain(TypeformSettings.Token);
    }

    private void Page(string sample, string? after)
    {
        var request = Request.Create().WithPath(Path).UsingGet();
        request = after is null ? request.WithParam("sort") : request.WithParam("after", after);
        server.Given(request).RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(Samples.Read(sample)));
    }
}
