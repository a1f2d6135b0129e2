using System.Text.Json.Nodes;
using CustomerTimeline.Tests.Infrastructure;

namespace CustomerTimeline.Tests.Security;

/// <summary>
/// The same queries run by an agent allowed to see personal data and by a dashboard that is not: every path to a
/// personal field (direct, connection, node, named and inline fragments) gives the second one the mask.
/// </summary>
public sealed class PiiMaskingTests : IClassFixture<SampleApiFixture>, IDisposable
{
    private const string Redacted = "[redacted: requires Customer.Pii.Read]";
    private readonly SampleApiFixture _fixture;
    private readonly GraphQLClient _agent;
    private readonly GraphQLClient _dashboard;

    public PiiMaskingTests(SampleApiFixture fixture)
    {
        _fixture = fixture;
        _agent = fixture.Factory.CreateGraphQLClient([TestTokens.Read, TestTokens.PiiRead]);
        _dashboard = fixture.Factory.CreateGraphQLClient([TestTokens.Read]);
    }

    public void Dispose()
    {
        _agent.Dispose();
        _dashboard.Dispose();
    }

    // By a vendor id: a look-up by email or phone is itself refused to the dashboard (PersonalKeyTests).
    private const string Direct = """
        { customerByIdentity(source: ZENDESK, externalId: "90001") {
            displayName primaryEmail phone company
            identities { kind value }
        } }
        """;

    [Fact]
    public async Task Profile_fields_are_clear_for_the_agent_and_masked_for_the_dashboard()
    {
        var clear = (await _agent.QueryAsync(Direct))["customerByIdentity"]!;
        clear["displayName"]!.GetValue<string>().ShouldBe("Alice Martin");
        clear["primaryEmail"]!.GetValue<string>().ShouldBe(SampleData.AliceEmail);
        clear["phone"]!.GetValue<string>().ShouldBe(SampleData.AlicePhone);

        var masked = (await _dashboard.QueryAsync(Direct))["customerByIdentity"]!;
        masked["displayName"]!.GetValue<string>().ShouldBe("A*** M***");
        masked["primaryEmail"]!.GetValue<string>().ShouldBe("a***@e***.com");
        masked["phone"]!.GetValue<string>().ShouldBe("+1******0101");
        masked["company"]!.GetValue<string>().ShouldBe("Contoso");
    }

    [Fact]
    public async Task Identity_values_are_masked_for_emails_and_phones_only()
    {
        var clear = Identities(await _agent.QueryAsync(Direct));
        var masked = Identities(await _dashboard.QueryAsync(Direct));
        clear["EMAIL"].ShouldBe(SampleData.AliceEmail);
        masked["EMAIL"].ShouldBe("a***@e***.com");
        masked["PHONE"].ShouldBe("+1******0101");
        // Vendor ids are keys, not contact details: both callers see them.
        masked["ZENDESK_USER_ID"].ShouldBe(SampleData.AliceZendeskId);
        masked["DATAVERSE_CONTACT_ID"].ShouldBe(clear["DATAVERSE_CONTACT_ID"]);
    }

    private static Dictionary<string, string> Identities(JsonNode data) =>
        data["customerByIdentity"]!["identities"]!.AsArray()
            .ToDictionary(i => i!["kind"]!.GetValue<string>(), i => i!["value"]!.GetValue<string>());

    [Fact]
    public async Task Connections_mask_every_customer()
    {
        const string query = "{ customers(first: 10) { edges { node { displayName primaryEmail } } nodes { phone } } }";
        var clear = (await _agent.QueryAsync(query))["customers"]!;
        var masked = (await _dashboard.QueryAsync(query))["customers"]!;
        clear["edges"]!.AsArray().Select(e => e!["node"]!["displayName"]!.GetValue<string>())
            .ShouldBe(["Alice Martin", "Bob Durand", "Carol Nguyen"]);
        masked["edges"]!.AsArray().Select(e => e!["node"]!["displayName"]!.GetValue<string>())
            .ShouldBe(["A*** M***", "B*** D***", "C*** N***"]);
        masked["edges"]!.AsArray().Select(e => e!["node"]!["primaryEmail"]!.GetValue<string>())
            .ShouldBe(["a***@e***.com", "b***@f***.fr", "c***@e***.org"]);
        masked["nodes"]!.AsArray().Select(n => n!["phone"]?.GetValue<string>())
            .ShouldBe(["+1******0101", "+3******5678", null]);
    }

    [Fact]
    public async Task Node_with_inline_and_named_fragments_masks_customer_and_event_fields()
    {
        var id = (await _agent.QueryAsync("""{ customerByIdentity(email: "alice.martin@example.com") { id } }"""))
            ["customerByIdentity"]!["id"]!.GetValue<string>();
        const string query = """
            query($id: ID!) {
              node(id: $id) {
                ... on Customer {
                  ...Contact
                  timeline(first: 20) { edges { node { __typename summary ...Texts customer { ...Contact } } } }
                }
              }
            }
            fragment Contact on Customer { displayName primaryEmail }
            fragment Texts on TimelineEvent {
              ... on TicketMessageEvent { body }
              ... on CrmActivityEvent { crmBody: body subject }
              ... on TicketEvent { description subject }
              ... on SurveyAnswerEvent { comment score }
            }
            """;

        var clear = (await _agent.QueryAsync(query, new { id }))["node"]!;
        var masked = (await _dashboard.QueryAsync(query, new { id }))["node"]!;
        clear["displayName"]!.GetValue<string>().ShouldBe("Alice Martin");
        masked["displayName"]!.GetValue<string>().ShouldBe("A*** M***");
        masked["primaryEmail"]!.GetValue<string>().ShouldBe("a***@e***.com");

        var clearEvents = Events(clear);
        var maskedEvents = Events(masked);
        clearEvents.Count.ShouldBe(12);
        maskedEvents.Count.ShouldBe(12);
        for (var i = 0; i < clearEvents.Count; i++)
        {
            var (c, m) = (clearEvents[i], maskedEvents[i]);
            m["customer"]!["displayName"]!.GetValue<string>().ShouldBe("A*** M***");
            switch (c["__typename"]!.GetValue<string>())
            {
                case "TicketMessageEvent":
                    c["body"]!.GetValue<string>().ShouldStartWith("Message ");
                    m["body"]!.GetValue<string>().ShouldBe(Redacted);
                    m["summary"]!.GetValue<string>().ShouldBe(Redacted);
                    break;
                case "CrmActivityEvent":
                    c["crmBody"]!.GetValue<string>().ShouldNotBe(Redacted);
                    m["crmBody"]!.GetValue<string>().ShouldBe(Redacted);
                    m["subject"]!.GetValue<string>().ShouldBe(c["subject"]!.GetValue<string>());
                    break;
                case "TicketEvent":
                    c["description"]!.GetValue<string>().ShouldBe("Sync is failing");
                    m["description"]!.GetValue<string>().ShouldBe(Redacted);
                    break;
                case "SurveyAnswerEvent":
                    c["comment"]!.GetValue<string>().ShouldBe("Pas satisfait du tout");
                    m["comment"]!.GetValue<string>().ShouldBe(Redacted);
                    m["score"]!.GetValue<int>().ShouldBe(3);
                    break;
                case "WebVisitEvent":
                    // A visit's summary is generated from page titles, not written by the person.
                    m["summary"]!.GetValue<string>().ShouldBe(c["summary"]!.GetValue<string>());
                    break;
            }
        }
    }

    private static List<JsonNode> Events(JsonNode customer) =>
        [.. customer["timeline"]!["edges"]!.AsArray().Select(e => e!["node"]!)];

    [Fact]
    public async Task Fetching_an_event_through_node_masks_its_text_and_its_customer()
    {
        var edge = (await _agent.QueryAsync("""
            { customerByIdentity(email: "carol@example.org") { timeline(first: 1) { nodes { id } } } }
            """))["customerByIdentity"]!["timeline"]!["nodes"]![0]!;
        var id = edge["id"]!.GetValue<string>();
        const string query = """
            query($ids: [ID!]!) { nodes(ids: $ids) { ... on SurveyAnswerEvent { comment customer { displayName } } } }
            """;
        var clear = (await _agent.QueryAsync(query, new { ids = new[] { id } }))["nodes"]![0]!;
        var masked = (await _dashboard.QueryAsync(query, new { ids = new[] { id } }))["nodes"]![0]!;
        clear["comment"]!.GetValue<string>().ShouldBe("Great support, merci !");
        masked["comment"]!.GetValue<string>().ShouldBe(Redacted);
        masked["customer"]!["displayName"]!.GetValue<string>().ShouldBe("C*** N***");
    }

    [Fact]
    public async Task The_masked_response_carries_no_personal_value_at_all()
    {
        const string everything = """
            { customers(first: 10) { nodes {
                displayName primaryEmail phone identities { value }
                timeline(first: 20) { nodes { title summary
                  ... on TicketMessageEvent { body } ... on CrmActivityEvent { crmBody: body }
                  ... on TicketEvent { description } ... on SurveyAnswerEvent { comment } } }
            } } }
            """;
        var text = (await _dashboard.PostAsync(everything)).Body.ToJsonString();
        foreach (var secret in SampleData.PersonalValues)
            text.ShouldNotContain(secret, Case.Insensitive);
    }
}
