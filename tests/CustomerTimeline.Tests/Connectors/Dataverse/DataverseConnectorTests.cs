using System.Text.Json;
using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Dataverse;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CustomerTimeline.Tests.Connectors.Dataverse;

[Collection(ConnectorTestGroup.Name)]
public sealed class DataverseConnectorTests : IClassFixture<WireMockFixture>
{
    private readonly WireMockServer server;

    public DataverseConnectorTests(WireMockFixture wireMock)
    {
        server = wireMock.Server;
        server.Reset();
    }

    [Fact]
    public async Task Contacts_follow_the_next_link_and_end_on_a_watermark_with_the_ids_at_it()
    {
        ContactsPage("dataverse-contacts-page2.json", skipToken: true);
        ContactsPage("dataverse-contacts-page1.json", skipToken: false);
        await using var host = Host();
        var connector = host.Connector<DataverseConnector>();

        var first = await connector.FetchPageAsync("contacts", null, CancellationToken.None);
        var firstCursor = Cursor(first);
        var second = await connector.FetchPageAsync("contacts", first.NextCursor, CancellationToken.None);
        var secondCursor = Cursor(second);

        first.EndOfStream.ShouldBeFalse();
        firstCursor.NextLink.ShouldStartWith(server.Url + "/api/data/v9.2/contacts?");
        first.Records.OfType<SourcePerson>().Select(p => p.RecordId)
            .ShouldBe(["contact-49b0be2e-d01c-ed11-b83e-000d3a572421", "contact-70bf4d48-34cb-ed11-b596-0022481d68cd"]);

        second.EndOfStream.ShouldBeTrue();
        secondCursor.NextLink.ShouldBeNull();
        secondCursor.Watermark.ShouldBe(DateTimeOffset.Parse("2024-05-02T10:00:05Z", System.Globalization.CultureInfo.InvariantCulture));
        secondCursor.Ids.ShouldBe(["70bf4d48-34cb-ed11-b596-0022481d68cd", "a2c3d4e5-0000-4000-8000-000000000003"]);
        second.Records.OfType<UnmappableRecord>().Single().Reason.ShouldContain("modifiedon");

        var firstRequest = server.LogEntries[0].RequestMessage;
        firstRequest.Query![Q("$filter")].Single().ShouldBe("modifiedon ge 2024-05-01T00:00:00Z");
        firstRequest.Query[Q("$orderby")].Single().ShouldBe("modifiedon asc,contactid asc");
        firstRequest.Headers!["Prefer"].Single().ShouldContain("odata.maxpagesize=2");
        firstRequest.Headers["Authorization"].Single().ShouldBe("Bearer " + DataverseSettings.Token);
        server.LogEntries[1].RequestMessage.Query![Q("$skiptoken")].Single().ShouldContain("pagenumber");
    }

    [Fact]
    public async Task An_incremental_read_uses_ge_on_the_watermark_and_skips_the_rows_already_read_at_it()
    {
        ContactsPage("dataverse-contacts-page2.json", skipToken: false);
        await using var host = Host();
        var stored = "{\"watermark\":\"2024-05-02T10:00:05+00:00\",\"ids\":[\"A2C3D4E5-0000-4000-8000-000000000003\"]}";

        var page = await host.Connector<DataverseConnector>().FetchPageAsync("contacts", stored, CancellationToken.None);

        server.LogEntries.Single().RequestMessage.Query![Q("$filter")].Single()
            .ShouldBe("modifiedon ge 2024-05-02T09:55:05Z", "five minutes (Overlap) before the watermark");
        page.Records.OfType<SourcePerson>().ShouldBeEmpty("the only row at the watermark was read already");
        page.Records.Single().ShouldBeOfType<UnmappableRecord>();
    }

    [Fact]
    public async Task A_row_committed_after_a_newer_one_is_read_from_the_overlap_and_the_watermark_stays()
    {
        // Stored watermark 10:00:10; the row modified at 10:00:05 committed only after it was taken (a slow plug-in).
        ContactsPage("dataverse-contacts-page2.json", skipToken: false);
        await using var host = Host();
        var stored = "{\"watermark\":\"2024-05-02T10:00:10+00:00\",\"ids\":[\"b0000000-0000-4000-8000-000000000001\"]}";

        var page = await host.Connector<DataverseConnector>().FetchPageAsync("contacts", stored, CancellationToken.None);

        page.Records.OfType<SourcePerson>().Select(p => p.RecordId).ShouldBe(["contact-a2c3d4e5-0000-4000-8000-000000000003"]);
        var cursor = Cursor(page);
        cursor.Watermark.ShouldBe(DateTimeOffset.Parse("2024-05-02T10:00:10Z", System.Globalization.CultureInfo.InvariantCulture));
        cursor.Ids.ShouldBe(["b0000000-0000-4000-8000-000000000001"], "only the rows at the watermark are kept");
    }

    [Fact]
    public async Task Contacts_map_to_a_person_and_a_contact_change()
    {
        ContactsPage("dataverse-contacts-page1.json", skipToken: false);
        await using var host = Host();

        var page = await host.Connector<DataverseConnector>().FetchPageAsync("contacts", null, CancellationToken.None);

        var yvonne = page.Records[0].ShouldBeOfType<SourcePerson>();
        yvonne.DisplayName.ShouldBe("Yvonne McKay (sample)");
        yvonne.Company.ShouldBe("Fourth Coffee (sample)");
        yvonne.Keys.ShouldBe([
            new IdentityKey(IdentityKind.DataverseContactId, "49b0be2e-d01c-ed11-b83e-000d3a572421"),
            new IdentityKey(IdentityKind.Email, "someone_a@example.com"),
            new IdentityKey(IdentityKind.Phone, "555-0100"),
        ]);
        var created = page.Records[1].ShouldBeOfType<SourceEvent>();
        created.Kind.ShouldBe(EventKind.ContactChange);
        created.RecordId.ShouldBe("contact-49b0be2e-d01c-ed11-b83e-000d3a572421-change-20240502T100000Z");
        created.Details.ShouldBeOfType<ContactChangeDetails>().JobTitle.ShouldBe("Purchasing Manager");
        page.Records[3].ShouldBeOfType<SourceEvent>().Title.ShouldBe("Contact updated in the CRM");
    }

    [Fact]
    public async Task Activities_map_to_their_contact_by_regarding_or_party_and_dead_letter_the_rest()
    {
        server.Given(Request.Create().WithPath("/api/data/v9.2/activitypointers").UsingGet())
            .RespondWith(Json(Samples.Read("dataverse-activities.json")));
        await using var host = Host();

        var page = await host.Connector<DataverseConnector>().FetchPageAsync("activities", null, CancellationToken.None);

        var call = page.Records[0].ShouldBeOfType<SourceEvent>();
        call.Kind.ShouldBe(EventKind.CrmActivity);
        call.Channel.ShouldBe(Channel.Phone);
        call.Keys.ShouldBe([new IdentityKey(IdentityKind.DataverseContactId, "49b0be2e-d01c-ed11-b83e-000d3a572421")]);
        call.OccurredAt.ShouldBe(DateTimeOffset.Parse("2024-05-03T09:15:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var details = call.Details.ShouldBeOfType<CrmActivityDetails>();
        (details.ActivityType, details.DurationMinutes, details.Owner).ShouldBe(("phonecall", (int?)15, "Alex Owner"));

        var email = page.Records[1].ShouldBeOfType<SourceEvent>();
        email.Channel.ShouldBe(Channel.Email);
        email.Keys.ShouldBe([new IdentityKey(IdentityKind.DataverseContactId, "70bf4d48-34cb-ed11-b596-0022481d68cd")],
            "regarding an account: the contact comes from the activity parties");
        page.Records[2].ShouldBeOfType<UnmappableRecord>().Reason.ShouldContain("no contact");
        server.LogEntries.Single().RequestMessage.Query![Q("$expand")].Single().ShouldStartWith("activity_pointer_activity_parties");
    }

    [Fact]
    public async Task An_activity_reads_its_direction_from_the_contact_party_and_its_html_body_as_text()
    {
        server.Given(Request.Create().WithPath("/api/data/v9.2/activitypointers").UsingGet())
            .RespondWith(Json(Samples.Read("dataverse-activities.json")));
        await using var host = Host();

        var page = await host.Connector<DataverseConnector>().FetchPageAsync("activities", null, CancellationToken.None);

        // activitypointer has no directioncode: the contact as sender (1) or as a To recipient (2) says it.
        Details(page.Records[0]).Direction.ShouldBeNull("a call without parties says nothing of its direction");
        Details(page.Records[1]).Direction.ShouldBe("Outgoing");
        var reply = page.Records[3].ShouldBeOfType<SourceEvent>();
        Details(reply).Direction.ShouldBe("Incoming");

        // Dataverse keeps an email's body as HTML: the timeline and the analysis get its text.
        Details(page.Records[1]).Body.ShouldBe("Thanks for your order.");
        Details(reply).Body.ShouldBe("Hello,\n\nThe parcel never arrived & I'm still waiting.\n\nRegards,\nAnn");
        reply.Summary.ShouldBe("Hello, The parcel never arrived & I'm still waiting. Regards, Ann");
    }

    [Fact]
    public async Task The_agents_email_is_not_read_as_the_customers_words_and_the_customers_reply_is()
    {
        server.Given(Request.Create().WithPath("/api/data/v9.2/activitypointers").UsingGet())
            .RespondWith(Json(Samples.Read("dataverse-activities.json")));
        await using var host = Host();
        var page = await host.Connector<DataverseConnector>().FetchPageAsync("activities", null, CancellationToken.None);

        EventTextEnricher.CustomerText(Details(page.Records[1])).ShouldBeNull();
        EventTextEnricher.CustomerText(Details(page.Records[3])).ShouldNotBeNull().ShouldContain("never arrived");
    }

    private static CrmActivityDetails Details(SourceRecord record) =>
        record.ShouldBeOfType<SourceEvent>().Details.ShouldBeOfType<CrmActivityDetails>();


    [Fact]
    public async Task A_next_link_to_another_host_is_refused_before_any_token_is_sent()
    {
        await using var host = Host();
        var tampered = "{\"watermark\":\"2024-05-01T00:00:00+00:00\",\"ids\":[],\"nextLink\":\"https://attacker.example.net/api/data/v9.2/contacts?$skiptoken=x\"}";

        var error = await Should.ThrowAsync<SourceUnavailableException>(
            () => host.Connector<DataverseConnector>().FetchPageAsync("contacts", tampered, CancellationToken.None));

        error.Failure.ShouldBe(SourceFailure.MalformedResponse);
        server.LogEntries.ShouldBeEmpty();
    }

    /// <summary>Refit percent-encodes the '$' of OData option names (%24filter); WireMock keeps query keys as sent.</summary>
    private static string Q(string option) => Uri.EscapeDataString(option);

    private ConnectorTestHost Host() => ConnectorTestHost.Create(DataverseSettings.For(server.Url!), DataverseSettings.FakeToken);

    private void ContactsPage(string sample, bool skipToken)
    {
        var request = Request.Create().WithPath("/api/data/v9.2/contacts").UsingGet();
        request = skipToken ? request.WithParam(Q("$skiptoken")) : request.WithParam(Q("$orderby"));
        server.Given(request).AtPriority(skipToken ? 1 : 2).RespondWith(Json(Samples.Read(sample).Replace("{BASE}", server.Url, StringComparison.Ordinal)));
    }

    private static IResponseBuilder Json(string body) =>
        Response.Create().WithHeader("Content-Type", "application/json").WithHeader("OData-Version", "4.0").WithBody(body);

    private static DataverseCursor Cursor(SourcePage page) => JsonSerializer.Deserialize<DataverseCursor>(page.NextCursor!)!;
}
