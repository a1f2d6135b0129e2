using CustomerTimeline.Tests.Infrastructure;

namespace CustomerTimeline.Tests.Customers;

public sealed class CustomerQueryTests(SampleApiFixture fixture) : IClassFixture<SampleApiFixture>
{
    private const string ByIdentity = """
        query($email: String, $phone: String, $source: EventSource, $externalId: String) {
          customerByIdentity(email: $email, phone: $phone, source: $source, externalId: $externalId) {
            displayName identities { kind value source }
          }
        }
        """;

    private async Task<string?> NameByAsync(object variables)
    {
        var data = await fixture.Client.QueryAsync(ByIdentity, variables);
        return data["customerByIdentity"]?["displayName"]?.GetValue<string>();
    }

    [Theory]
    [InlineData("alice.martin@example.com")]
    [InlineData("  Alice.Martin@EXAMPLE.com ")]
    public async Task Email_lookup_is_normalized(string email) =>
        (await NameByAsync(new { email })).ShouldBe("Alice Martin");

    [Theory]
    [InlineData("+1 415 555 0101")]
    [InlineData("(415) 555-0101")]
    [InlineData("415.555.0101")]
    [InlineData("+14155550101")]
    public async Task Phone_lookup_is_normalized_to_e164(string phone) =>
        (await NameByAsync(new { phone })).ShouldBe("Alice Martin");

    [Fact]
    public async Task Phone_lookup_with_a_foreign_country_code()
    {
        (await NameByAsync(new { phone = "+33 6 12 34 56 78" })).ShouldBe("Bob Durand");
    }

    [Theory]
    [InlineData("ZENDESK", SampleData.AliceZendeskId)]
    [InlineData("MATOMO", SampleData.AliceVisitorId)]
    [InlineData("DATAVERSE", "6F1C2D3E-0000-4000-8000-00000000A11C")]
    public async Task External_id_lookup_by_source(string source, string externalId) =>
        (await NameByAsync(new { source, externalId })).ShouldBe("Alice Martin");

    [Fact]
    public async Task Unknown_identity_is_null()
    {
        (await NameByAsync(new { email = "nobody@example.com" })).ShouldBeNull();
    }

    [Theory]
    [InlineData("not-an-email", null)]
    [InlineData(null, "12")]
    public async Task Invalid_identity_input_is_a_clear_error(string? email, string? phone)
    {
        var r = await fixture.Client.PostAsync(ByIdentity, new { email, phone });
        r.FirstErrorCode.ShouldBe("BAD_USER_INPUT");
        r.FirstErrorMessage.ShouldContain(email is null ? "phone" : "email");
    }

    [Fact]
    public async Task Exactly_one_identity_argument_is_required()
    {
        var r = await fixture.Client.PostAsync(ByIdentity, new { email = "alice.martin@example.com", phone = "+14155550101" });
        r.FirstErrorCode.ShouldBe("BAD_USER_INPUT");
        var none = await fixture.Client.PostAsync(ByIdentity, new { });
        none.FirstErrorCode.ShouldBe("BAD_USER_INPUT");
    }

    [Fact]
    public async Task Identities_are_listed()
    {
        var data = await fixture.Client.QueryAsync(ByIdentity, new { email = SampleData.AliceEmail });
        var kinds = data["customerByIdentity"]!["identities"]!.AsArray().Select(i => i!["kind"]!.GetValue<string>()).ToList();
        kinds.ShouldBe(["EMAIL", "PHONE", "DATAVERSE_CONTACT_ID", "ZENDESK_USER_ID", "MATOMO_VISITOR_ID"], ignoreOrder: true);
    }

    [Fact]
    public async Task Customers_connection_pages_and_counts()
    {
        var p1 = await fixture.Client.QueryAsync("{ customers(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { displayName } } }");
        p1["customers"]!["totalCount"]!.GetValue<int>().ShouldBe(3);
        p1["customers"]!["nodes"]!.AsArray().Count.ShouldBe(2);
        var after = p1["customers"]!["pageInfo"]!["endCursor"]!.GetValue<string>();
        p1["customers"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>().ShouldBeTrue();
        var p2 = await fixture.Client.QueryAsync("query($a: String) { customers(first: 2, after: $a) { pageInfo { hasNextPage } nodes { displayName } } }", new { a = after });
        p2["customers"]!["nodes"]!.AsArray().Single()!["displayName"]!.GetValue<string>().ShouldBe("Carol Nguyen");
        p2["customers"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Theory]
    [InlineData("fabrikam", "Bob Durand")]
    [InlineData("ALICE", "Alice Martin")]
    [InlineData("example.org", "Carol Nguyen")]
    public async Task Customers_search_matches_name_email_or_company(string search, string expected)
    {
        var data = await fixture.Client.QueryAsync("query($s: String) { customers(search: $s) { totalCount nodes { displayName } } }", new { s = search });
        data["customers"]!["totalCount"]!.GetValue<int>().ShouldBe(1);
        data["customers"]!["nodes"]![0]!["displayName"]!.GetValue<string>().ShouldBe(expected);
    }

    [Fact]
    public async Task Search_treats_wildcards_as_text()
    {
        var data = await fixture.Client.QueryAsync("""{ customers(search: "%") { totalCount } }""");
        data["customers"]!["totalCount"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Customer_round_trips_through_node_and_customer()
    {
        var list = await fixture.Client.QueryAsync("{ customers(first: 1) { nodes { id displayName } } }");
        var id = list["customers"]!["nodes"]![0]!["id"]!.GetValue<string>();
        var data = await fixture.Client.QueryAsync("""
            query($id: ID!) {
              customer(id: $id) { displayName }
              node(id: $id) { id ... on Customer { displayName } }
              nodes(ids: [$id, $id]) { id }
            }
            """, new { id });
        data["customer"]!["displayName"]!.GetValue<string>().ShouldBe("Alice Martin");
        data["node"]!["displayName"]!.GetValue<string>().ShouldBe("Alice Martin");
        data["nodes"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Nested_lists_load_in_batches_not_per_customer()
    {
        await fixture.Client.QueryAsync("{ customers(first: 3) { nodes { id } } }"); // warm up
        fixture.Factory.Commands.Reset();
        var data = await fixture.Client.QueryAsync("""
            { customers(first: 3) { nodes {
                identities { kind }
                timeline(first: 2) { totalCount nodes { title customer { displayName } } }
            } } }
            """);
        data["customers"]!["nodes"]!.AsArray().Count.ShouldBe(3);
        // customers, identities, timeline pages, timeline counts, event customers: one each.
        fixture.Factory.Commands.Count.ShouldBeLessThanOrEqualTo(5);
    }
}
