using System.Net.Http.Headers;
using System.Text;
using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Zendesk;
using CustomerTimeline.Api.Data;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CustomerTimeline.Tests.Connectors.Zendesk;

[Collection(ConnectorTestGroup.Name)]
public sealed class ZendeskConnectorTests : IClassFixture<WireMockFixture>
{
    private readonly WireMockServer server;

    public ZendeskConnectorTests(WireMockFixture wireMock)
    {
        server = wireMock.Server;
        server.Reset();
    }

    [Fact]
    public async Task Users_page_through_the_cursor_export_to_the_end_of_stream()
    {
        Json("/api/v2/incremental/users/cursor.json", "zendesk-users-page1.json", "start_time");
        Json("/api/v2/incremental/users/cursor.json", "zendesk-users-page2.json", "cursor", "MTU3NjYxMzUzOS4wfHw0Njd8");
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));
        var connector = host.Connector<ZendeskConnector>();

        var first = await connector.FetchPageAsync("users", null, CancellationToken.None);
        var second = await connector.FetchPageAsync("users", first.NextCursor, CancellationToken.None);

        first.EndOfStream.ShouldBeFalse();
        first.NextCursor.ShouldBe("MTU3NjYxMzUzOS4wfHw0Njd8");
        first.Records.Select(r => r.RecordId).ShouldBe(["user-20978392"], "user-235323 is an agent: staff are not customers");
        second.EndOfStream.ShouldBeTrue();
        second.NextCursor.ShouldBe("MTU3NjYxNDUzOS4wfHw0Njh8");
        second.Records.Single().RecordId.ShouldBe("user-35334");

        var firstCall = server.LogEntries[0].RequestMessage;
        firstCall.Query!["start_time"].Single().ShouldBe("1230768000", "StartAt 2009-01-01 in Unix seconds");
        firstCall.Query["per_page"].Single().ShouldBe("2");
        firstCall.Query.ContainsKey("cursor").ShouldBeFalse();
    }

    [Fact]
    public async Task An_incremental_read_resumes_from_the_stored_cursor_without_start_time()
    {
        Json("/api/v2/incremental/users/cursor.json", "zendesk-users-page2.json", "cursor", "stored-cursor");
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));

        var page = await host.Connector<ZendeskConnector>().FetchPageAsync("users", "stored-cursor", CancellationToken.None);

        page.Records.ShouldHaveSingleItem();
        var query = server.LogEntries.Single().RequestMessage.Query!;
        query.ContainsKey("start_time").ShouldBeFalse();
        query["cursor"].Single().ShouldBe("stored-cursor");
    }

    [Fact]
    public async Task Users_map_to_people_with_their_zendesk_id_email_and_phone()
    {
        Json("/api/v2/incremental/users/cursor.json", "zendesk-users-page1.json");
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));

        var page = await host.Connector<ZendeskConnector>().FetchPageAsync("users", null, CancellationToken.None);

        var roger = page.Records[0].ShouldBeOfType<SourcePerson>();
        roger.DisplayName.ShouldBe("Roger Wilco");
        roger.UpdatedAt.ShouldBe(DateTimeOffset.Parse("2011-05-05T10:38:52Z", System.Globalization.CultureInfo.InvariantCulture));
        roger.Keys.ShouldBe([
            new IdentityKey(IdentityKind.ZendeskUserId, "20978392"),
            new IdentityKey(IdentityKind.Email, "roger@example.com"),
            new IdentityKey(IdentityKind.Phone, "+1 (555) 123-4567"),
        ]);
        page.Records.ShouldHaveSingleItem("Johnny Agent is staff, not a customer");
    }

    [Fact]
    public async Task Tickets_map_with_deletions_and_dead_letters_on_one_page_without_any_comment_call()
    {
        Json("/api/v2/incremental/tickets/cursor.json", "zendesk-tickets.json");
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));

        var page = await host.Connector<ZendeskConnector>().FetchPageAsync("tickets", null, CancellationToken.None);

        page.EndOfStream.ShouldBeTrue();
        page.NextCursor.ShouldBe("MTU3NjYxMzUzOS4wfHw0Njd8");
        page.Records.Select(r => r.RecordId).ShouldBe(["ticket-35436", "ticket-35436-satisfaction", "ticket-35437", "ticket-35438"]);

        var ticket = page.Records[0].ShouldBeOfType<SourceEvent>();
        ticket.Kind.ShouldBe(EventKind.Ticket);
        ticket.Channel.ShouldBe(Channel.Email);
        ticket.Title.ShouldBe("Help, my printer is on fire!");
        ticket.Keys.ShouldBe([new IdentityKey(IdentityKind.ZendeskUserId, "20978392")]);
        ticket.OccurredAt.ShouldBe(DateTimeOffset.Parse("2009-07-20T22:55:29Z", System.Globalization.CultureInfo.InvariantCulture));
        var details = ticket.Details.ShouldBeOfType<TicketDetails>();
        details.Status.ShouldBe("open");
        details.Priority.ShouldBe("high");
        details.Type.ShouldBe("incident");
        details.Tags.ShouldBe(["enterprise", "other_tag"]);
        details.SolvedAt.ShouldBe(DateTimeOffset.Parse("2011-05-05T10:38:52Z", System.Globalization.CultureInfo.InvariantCulture));

        // The requester rated it: a CSAT answer, dated by the ticket's solve (the rating carries no time of its own).
        var rating = page.Records[1].ShouldBeOfType<SourceEvent>();
        rating.Kind.ShouldBe(EventKind.SurveyAnswer);
        rating.Title.ShouldBe("CSAT good on #35436");
        rating.Keys.ShouldBe(ticket.Keys);
        rating.OccurredAt.ShouldBe(details.SolvedAt!.Value);
        rating.Details.ShouldBe(new SurveyAnswerDetails(ZendeskMapper.SatisfactionFormId, "CSAT", 5, 1, 5, "Great support!", null));

        page.Records[2].ShouldBeOfType<SourceDeletion>();
        var dead = page.Records[3].ShouldBeOfType<UnmappableRecord>();
        dead.Reason.ShouldContain("requester_id");
        dead.Payload.ShouldContain("Orphan ticket");

        server.LogEntries.Count.ShouldBe(1, "comments come through their own stream, not one call per ticket");
        server.LogEntries[0].RequestMessage.Query!["include"].SelectMany(v => v.Split(',')).ShouldBe(["metric_sets", "users"]);
    }

    [Fact]
    public async Task Every_call_carries_api_token_basic_auth_and_no_secret_in_the_url()
    {
        Json("/api/v2/incremental/users/cursor.json", "zendesk-users-page2.json");
        await using var host = ConnectorTestHost.Create(ZendeskSettings.For(server.Url!));

        await host.Connector<ZendeskConnector>().FetchPageAsync("users", null, CancellationToken.None);

        var request = server.LogEntries.Single().RequestMessage;
        var header = AuthenticationHeaderValue.Parse(request.Headers!["Authorization"].Single());
        header.Scheme.ShouldBe("Basic");
        Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!)).ShouldBe("agent@example.com/token:zd-test-token");
        request.Url.ShouldNotContain(ZendeskSettings.ApiToken);
    }

    [Fact]
    public async Task An_unconfigured_source_is_off_and_does_not_fail_start_up()
    {
        await using var host = ConnectorTestHost.Create(new Dictionary<string, string?>());

        host.Connector<ZendeskConnector>().IsConfigured.ShouldBeFalse();
        await Should.ThrowAsync<InvalidOperationException>(
            () => host.Connector<ZendeskConnector>().FetchPageAsync("users", null, CancellationToken.None));
    }

    private void Json(string path, string sample, string? param = null, string? value = null)
    {
        var request = Request.Create().WithPath(path).UsingGet();
        if (param is not null) request = value is null ? request.WithParam(param) : request.WithParam(param, value);
        server.Given(request).RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(Samples.Read(sample)));
    }
}
