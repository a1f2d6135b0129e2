using System.Text.Json.Nodes;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Tests.Security;

/// <summary>
/// Personal data a caller sees masked must not come back another way: not as a Matomo user id (the site's login,
/// usually the email), not through a search that matches it a letter at a time, not as the answer to "whose email is
/// this?". An agent (PII read) and a privacy officer (their exports carry it all) may match on it.
/// </summary>
public sealed class PersonalKeyTests : IAsyncLifetime
{
    private const string BobLogin = "bdurand";
    private const string BobVisitor = "b0b0b0b0b0b0b0b0";
    private readonly TimelineApiFactory _factory = new();
    private GraphQLClient _agent = null!;
    private GraphQLClient _officer = null!;
    private GraphQLClient _dashboard = null!;

    public async Task InitializeAsync()
    {
        await _factory.SeedAsync(async db =>
        {
            await SampleData.SeedAsync(db);
            var alice = await db.Customers.Where(c => c.PrimaryEmail == SampleData.AliceEmail).Select(c => c.Id).SingleAsync();
            var bob = await db.Customers.Where(c => c.PrimaryEmail == "bob@fabrikam.fr").Select(c => c.Id).SingleAsync();
            var carol = await db.Customers.Where(c => c.PrimaryEmail == "carol@example.org").Select(c => c.Id).SingleAsync();
            // A form without a respondent-id hidden field: the connector keys the respondent by email.
            db.Identities.Add(new CustomerIdentity
            {
                CustomerId = carol, Kind = IdentityKind.TypeformRespondentId, Value = "carol@example.org", Source = EventSource.Typeform, FirstSeenAt = SampleData.T0,
            });
            db.Identities.AddRange(
                new CustomerIdentity { CustomerId = alice, Kind = IdentityKind.MatomoUserId, Value = SampleData.AliceEmail, Source = EventSource.Matomo, FirstSeenAt = SampleData.T0 },
                new CustomerIdentity { CustomerId = bob, Kind = IdentityKind.MatomoUserId, Value = BobLogin, Source = EventSource.Matomo, FirstSeenAt = SampleData.T0 },
                new CustomerIdentity { CustomerId = bob, Kind = IdentityKind.MatomoVisitorId, Value = BobVisitor, Source = EventSource.Matomo, FirstSeenAt = SampleData.T0 });
            db.Events.Add(SignedInVisit(alice, "alice-signed-in", SampleData.AliceVisitorId, SampleData.AliceEmail));
            // Merges stored before the masks were aligned kept an email's whole domain.
            db.MergeRecords.Add(new MergeRecord
            {
                SurvivorCustomerId = alice, MergedCustomerId = 999, MatchedKeyKind = IdentityKind.MatomoVisitorId, MatchedKeyMasked = "***0718",
                SurvivorKeyKind = IdentityKind.Email, SurvivorKeyMasked = "a***@example.com", Source = EventSource.Matomo,
                RecordId = "visit-1", MergedAt = SampleData.T0,
            });
            db.Events.Add(SignedInVisit(bob, "bob-signed-in", BobVisitor, BobLogin));
        });
        _agent = _factory.CreateGraphQLClient([TestTokens.Read, TestTokens.PiiRead]);
        _officer = _factory.CreateGraphQLClient([TestTokens.Read, TestTokens.PrivacyManage]);
        _dashboard = _factory.CreateGraphQLClient([TestTokens.Read]);
    }

    public async Task DisposeAsync()
    {
        _agent.Dispose();
        _officer.Dispose();
        _dashboard.Dispose();
        await _factory.DisposeAsync();
    }

    private static TimelineEvent SignedInVisit(long customerId, string id, string visitorId, string userId) => new()
    {
        CustomerId = customerId,
        Source = EventSource.Matomo,
        SourceRecordId = id,
        Kind = EventKind.WebVisit,
        OccurredAt = SampleData.T0.AddDays(10),
        SourceUpdatedAt = SampleData.T0.AddDays(10),
        Channel = Channel.Web,
        Title = "Visited /account",
        Summary = "Direct",
        Details = new WebVisitDetails(visitorId, userId,
            [new VisitedPage("https://example.com/account", "Account", 30), new VisitedPage(UnsubscribeUrl, "Unsubscribe", 5)], 35,
            null, "direct", "desktop", "Firefox", "us", []).ToJson(),
    };

    private const string UnsubscribeUrl = "https://example.com/unsubscribe?email=alice.martin%40example.com&token=9f8e7d#done";

    [Fact]
    public async Task A_visited_address_keeps_its_path_and_hides_its_query_from_a_caller_who_sees_personal_data_masked()
    {
        const string query = """
            query($v: String!) { customerByIdentity(source: MATOMO, externalId: $v) {
                timeline(first: 5, filter: { sources: [MATOMO] }) { nodes { ... on WebVisitEvent { pages { url } } } } } }
            """;
        static List<string> Urls(JsonNode data) => [.. data["customerByIdentity"]!["timeline"]!["nodes"]!.AsArray()
            .SelectMany(n => n!["pages"]!.AsArray()).Select(p => p!["url"]!.GetValue<string>())];

        var clear = Urls(await _agent.QueryAsync(query, new { v = SampleData.AliceVisitorId }));
        var masked = Urls(await _dashboard.QueryAsync(query, new { v = SampleData.AliceVisitorId }));

        clear.ShouldContain(UnsubscribeUrl);
        masked.ShouldContain("https://example.com/unsubscribe?***");
        masked.ShouldContain("https://example.com/account");
        masked.ShouldContain("https://example.com/pricing"); // no query: nothing to hide
        string.Join(' ', masked).ShouldNotContain("alice", Case.Insensitive);
    }

    private const string ByVisitor = """
        query($visitor: String!) { customerByIdentity(source: MATOMO, externalId: $visitor) {
            identities { kind value }
            timeline(first: 5, filter: { sources: [MATOMO] }) { nodes { ... on WebVisitEvent { userId } } }
        } }
        """;

    [Theory]
    [InlineData(SampleData.AliceVisitorId, SampleData.AliceEmail, "a***@e***.com")]
    [InlineData(BobVisitor, BobLogin, "b***")]
    public async Task A_Matomo_user_id_is_masked_like_the_personal_data_it_is(string visitor, string login, string mask)
    {
        var clear = (await _agent.QueryAsync(ByVisitor, new { visitor }))["customerByIdentity"]!;
        var masked = (await _dashboard.QueryAsync(ByVisitor, new { visitor }))["customerByIdentity"]!;

        UserIdentity(clear).ShouldBe(login);
        UserIdentity(masked).ShouldBe(mask);
        VisitUserIds(clear).ShouldContain(login);
        VisitUserIds(masked).ShouldContain(mask);
        VisitUserIds(masked).ShouldNotContain(login);
        // The visitor id is a pseudonymous cookie id, not a login: both callers see it.
        masked["identities"]!.AsArray().Single(i => i!["kind"]!.GetValue<string>() == "MATOMO_VISITOR_ID")!["value"]!
            .GetValue<string>().ShouldBe(visitor);
    }

    [Fact]
    public async Task A_merge_shows_its_email_key_with_the_domain_masked_too()
    {
        const string query = """
            query($v: String!) { customerByIdentity(source: MATOMO, externalId: $v) { mergeHistory { survivorKeyMasked matchedKeyMasked explanation } } }
            """;
        foreach (var client in new[] { _agent, _dashboard })
        {
            var merge = (await client.QueryAsync(query, new { v = SampleData.AliceVisitorId }))["customerByIdentity"]!["mergeHistory"]![0]!;
            merge["survivorKeyMasked"]!.GetValue<string>().ShouldBe("a***@e***.com");
            merge["matchedKeyMasked"]!.GetValue<string>().ShouldBe("***0718");
            merge["explanation"]!.GetValue<string>().ShouldBe(
                "Matomo record 'visit-1' carried this customer's Email (a***@e***.com) and the merged customer's MatomoVisitorId (***0718).");
        }
    }

    private static string UserIdentity(JsonNode customer) =>
        customer["identities"]!.AsArray().Single(i => i!["kind"]!.GetValue<string>() == "MATOMO_USER_ID")!["value"]!.GetValue<string>();

    private static List<string?> VisitUserIds(JsonNode customer) =>
        [.. customer["timeline"]!["nodes"]!.AsArray().Select(n => n!["userId"]?.GetValue<string>())];

    private const string Search = "query($s: String!) { customers(first: 10, search: $s) { totalCount nodes { company } } }";

    [Theory]
    [InlineData("alice.mar")]
    [InlineData("martin")]
    [InlineData("@fabrikam")]
    [InlineData("e.com")]
    public async Task A_search_matches_names_and_emails_only_for_callers_who_may_see_them(string text)
    {
        (await TotalAsync(_agent, text)).ShouldBe(1);
        (await TotalAsync(_officer, text)).ShouldBe(1);
        (await TotalAsync(_dashboard, text)).ShouldBe(0);
    }

    [Theory]
    [InlineData("contoso", "Contoso")]
    [InlineData("FABRI", "Fabrikam")]
    [InlineData("wind", "Northwind")]
    public async Task A_search_matches_the_company_for_every_caller(string text, string company)
    {
        foreach (var client in new[] { _agent, _dashboard })
        {
            var found = (await client.QueryAsync(Search, new { s = text }))["customers"]!;
            found["totalCount"]!.GetValue<int>().ShouldBe(1);
            found["nodes"]![0]!["company"]!.GetValue<string>().ShouldBe(company);
        }
    }

    private static async Task<int> TotalAsync(GraphQLClient client, string text) =>
        (await client.QueryAsync(Search, new { s = text }))["customers"]!["totalCount"]!.GetValue<int>();

    [Theory]
    [InlineData("email", SampleData.AliceEmail)]
    [InlineData("phone", SampleData.AlicePhone)]
    public async Task Looking_up_by_email_or_phone_is_refused_to_a_caller_who_sees_them_masked(string key, string value)
    {
        var query = $"query($v: String!) {{ customerByIdentity({key}: $v) {{ company }} }}";

        var refused = await _dashboard.PostAsync(query, new { v = value });
        refused.FirstErrorCode.ShouldBe("FORBIDDEN");
        refused.FirstErrorMessage.ShouldBe(
            $"Looking a customer up by {key} requires the Customer.Pii.Read or Privacy.Manage permission (as a delegated scope or an app role).");
        refused.Data!["customerByIdentity"].ShouldBeNull();
        refused.Body.ToJsonString().ShouldNotContain("Contoso");

        foreach (var allowed in new[] { _agent, _officer })
            (await allowed.QueryAsync(query, new { v = value }))["customerByIdentity"]!["company"]!.GetValue<string>().ShouldBe("Contoso");
    }

    [Fact]
    public async Task A_look_up_by_a_login_or_an_email_standing_for_a_vendor_id_finds_nobody_for_a_caller_who_sees_it_masked()
    {
        const string query = """query($s: EventSource!, $v: String!) { customerByIdentity(source: $s, externalId: $v) { company } }""";

        // A Matomo login that is not an email matches nothing; visitor ids still do.
        (await _dashboard.QueryAsync(query, new { s = "MATOMO", v = BobLogin }))["customerByIdentity"].ShouldBeNull();
        (await _dashboard.QueryAsync(query, new { s = "MATOMO", v = SampleData.AliceVisitorId }))["customerByIdentity"]!["company"]!
            .GetValue<string>().ShouldBe("Contoso");
        // An id holding an email is a look-up by email, whichever source keys by it.
        foreach (var (source, value) in new[] { ("MATOMO", SampleData.AliceEmail), ("TYPEFORM", "carol@example.org") })
        {
            var refused = await _dashboard.PostAsync(query, new { s = source, v = value });
            refused.FirstErrorCode.ShouldBe("FORBIDDEN");
            refused.FirstErrorMessage.ShouldStartWith("Looking a customer up by email requires");
            refused.Body.ToJsonString().ShouldNotContain("Northwind");
        }
        (await _agent.QueryAsync(query, new { s = "MATOMO", v = BobLogin }))["customerByIdentity"]!["company"]!.GetValue<string>().ShouldBe("Fabrikam");
        (await _agent.QueryAsync(query, new { s = "TYPEFORM", v = "carol@example.org" }))["customerByIdentity"]!["company"]!
            .GetValue<string>().ShouldBe("Northwind");
    }

    [Fact]
    public async Task A_vendor_id_holding_an_email_is_masked_as_one()
    {
        const string query = "{ customers(first: 10) { nodes { identities { kind value } } } }";
        static string RespondentId(JsonNode data) => data["customers"]!["nodes"]!.AsArray()
            .SelectMany(n => n!["identities"]!.AsArray()).Single(i => i!["kind"]!.GetValue<string>() == "TYPEFORM_RESPONDENT_ID")!["value"]!
            .GetValue<string>();

        RespondentId(await _agent.QueryAsync(query)).ShouldBe("carol@example.org");
        RespondentId(await _dashboard.QueryAsync(query)).ShouldBe("c***@e***.org");
    }
}
