using System.Net;
using CustomerTimeline.Tests.Infrastructure;

namespace CustomerTimeline.Tests.Customers;

/// <summary>Bad input gets a clear GraphQL error: never a server error, a stack trace or an exception type.</summary>
public sealed class BadInputTests(SampleApiFixture fixture) : IClassFixture<SampleApiFixture>
{
    private const string Timeline = """
        query($id: ID!, $first: Int, $last: Int, $after: String, $before: String) {
          customer(id: $id) { timeline(first: $first, last: $last, after: $after, before: $before) { totalCount } }
        }
        """;

    private async Task<string> AliceIdAsync() =>
        (await fixture.Client.QueryAsync("""{ customerByIdentity(email: "alice.martin@example.com") { id } }"""))
            ["customerByIdentity"]!["id"]!.GetValue<string>();

    private static void ShouldBeClear(GraphQLResponse r, string mentions)
    {
        r.Status.ShouldBe(HttpStatusCode.OK);
        r.FirstErrorCode.ShouldBe("BAD_USER_INPUT");
        r.FirstErrorMessage.ShouldContain(mentions);
        var text = r.Body.ToJsonString();
        text.ShouldNotContain("Exception");
        text.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task A_stage_key_the_journey_map_does_not_have_is_refused_naming_the_stages()
    {
        const string Query = "query($id: ID!, $stages: [String!]) { customer(id: $id) { timeline(filter: { stages: $stages }) { totalCount } } }";
        var id = await AliceIdAsync();

        var r = await fixture.Client.PostAsync(Query, new { id, stages = new[] { "support", "onbaording" } });

        ShouldBeClear(r, "'onbaording', which is no stage of the active journey map");
        r.FirstErrorMessage.ShouldContain("onboarding, usage, support");
        var known = await fixture.Client.PostAsync(Query, new { id, stages = new[] { "support" } });
        known.Errors.ShouldBeNull();
        known.Data!["customer"]!["timeline"]!["totalCount"].ShouldNotBeNull();
    }

    [Theory]
    [InlineData(101, null)]
    [InlineData(100_000, null)]
    [InlineData(-1, null)]
    [InlineData(null, 500)]
    public async Task Page_size_above_100_is_refused(int? first, int? last)
    {
        var r = await fixture.Client.PostAsync(Timeline, new { id = await AliceIdAsync(), first, last });
        ShouldBeClear(r, first is not null ? "'first'" : "'last'");
    }

    [Fact]
    public async Task First_and_last_together_are_refused()
    {
        var r = await fixture.Client.PostAsync(Timeline, new { id = await AliceIdAsync(), first = 1, last = 1 });
        ShouldBeClear(r, "either");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("dDE6MTIzOmFiYw")]
    [InlineData("!!!")]
    public async Task Garbage_cursor_is_refused(string cursor)
    {
        var r = await fixture.Client.PostAsync(Timeline, new { id = await AliceIdAsync(), first = 2, after = cursor });
        ShouldBeClear(r, "cursor");
    }

    [Fact]
    public async Task Customers_connection_refuses_garbage_cursor_and_huge_first()
    {
        ShouldBeClear(await fixture.Client.PostAsync("""{ customers(after: "zzz") { totalCount } }"""), "after");
        ShouldBeClear(await fixture.Client.PostAsync("{ customers(first: 1000) { totalCount } }"), "first");
    }

    [Theory]
    [InlineData("not-a-global-id")]
    [InlineData("VGltZWxpbmVFdmVudDox")] // a TimelineEvent id passed where a Customer is expected
    public async Task Invalid_customer_id_is_refused(string id)
    {
        var r = await fixture.Client.PostAsync("query($id: ID!) { customer(id: $id) { displayName } }", new { id });
        ShouldBeClear(r, "id");
    }

    [Fact]
    public async Task Unknown_but_well_formed_ids_are_null()
    {
        var id = CustomerTimeline.Api.Relay.GlobalId.Encode("Customer", 999_999);
        var data = await fixture.Client.QueryAsync("query($id: ID!) { customer(id: $id) { id } node(id: $id) { id } }", new { id });
        data["customer"].ShouldBeNull();
        data["node"].ShouldBeNull();
    }

    [Fact]
    public async Task Garbage_node_id_is_refused()
    {
        ShouldBeClear(await fixture.Client.PostAsync("""{ node(id: "%%%") { id } }"""), "id");
        ShouldBeClear(await fixture.Client.PostAsync("""{ node(id: "U29tZXRoaW5nOjE") { id } }"""), "id");
    }

    [Fact]
    public async Task Inverted_time_window_is_refused()
    {
        var r = await fixture.Client.PostAsync("""
            query($id: ID!) { customer(id: $id) { timeline(filter: { from: "2026-03-05T00:00:00Z", to: "2026-03-01T00:00:00Z" }) { totalCount } } }
            """, new { id = await AliceIdAsync() });
        ShouldBeClear(r, "filter.from");
    }

    [Fact]
    public async Task A_filter_instant_without_an_offset_is_read_as_utc()
    {
        const string query = """
            query($id: ID!, $from: DateTimeOffset!) { customer(id: $id) { timeline(filter: { from: $from }) { totalCount } } }
            """;
        var id = await AliceIdAsync();
        var count = async (string from) => (await fixture.Client.QueryAsync(query, new { id, from }))["customer"]!["timeline"]!["totalCount"]!.GetValue<int>();

        var utc = await count("2026-03-05T00:00:00Z");
        (await count("2026-03-05T00:00:00")).ShouldBe(utc);
        (await count("2026-03-05T02:00:00+02:00")).ShouldBe(utc);
    }

    [Fact]
    public async Task Too_many_node_ids_are_refused()
    {
        var ids = Enumerable.Range(1, 101).Select(i => CustomerTimeline.Api.Relay.GlobalId.Encode("Customer", i)).ToArray();
        ShouldBeClear(await fixture.Client.PostAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids }), "ids");
    }
}
