using System.Text.Json.Nodes;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Privacy;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Security;

/// <summary>Export, erasure, suppression and the audit log, against a database of their own.</summary>
public sealed class PrivacyTests : IAsyncLifetime
{
    private const string Export = "mutation($id: ID!) { exportCustomer(id: $id) { document request { id kind status customerId requestedByObjectId } } }";
    private const string Erase = "mutation($id: ID!) { eraseCustomer(id: $id) { alreadyErased deletedRows suppressedKeys request { id kind status completedAt } } }";
    private const string Audit = """
        query($customerId: ID) { auditEntries(first: 50, customerId: $customerId) {
            totalCount nodes { operation outcome actorTenantId actorObjectId customerId privacyRequestId } } }
        """;

    private static readonly System.Text.Json.JsonSerializerOptions RawUtf8 =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TimelineApiFactory _factory = new();
    private GraphQLClient _officer = null!;
    private string _aliceId = "";
    private long _aliceDbId;

    public async Task InitializeAsync()
    {
        await _factory.SeedAsync(SampleData.SeedAsync);
        _officer = _factory.CreateGraphQLClient([TestTokens.Read, TestTokens.Write, TestTokens.PrivacyManage]);
        _aliceId = (await _officer.QueryAsync("""{ customerByIdentity(email: "alice.martin@example.com") { id } }"""))
            ["customerByIdentity"]!["id"]!.GetValue<string>();
        _aliceDbId = await SampleData.CustomerIdAsync(_factory, SampleData.AliceEmail);
    }

    public async Task DisposeAsync()
    {
        _officer.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Export_is_machine_readable_json_with_profile_identities_and_timeline()
    {
        var result = (await _officer.QueryAsync(Export, new { id = _aliceId }))["exportCustomer"]!;
        result["request"]!["kind"]!.GetValue<string>().ShouldBe("EXPORT");
        result["request"]!["status"]!.GetValue<string>().ShouldBe("COMPLETED");
        result["request"]!["requestedByObjectId"]!.GetValue<string>().ShouldBe(TestTokens.AgentObjectId);

        var document = JsonNode.Parse(result["document"]!.GetValue<string>())!;
        document["format"]!.GetValue<string>().ShouldBe(CustomerExporter.Format);
        document["customerId"]!.GetValue<string>().ShouldBe(_aliceId);
        var sections = document["sections"]!;
        sections["profile"]!["displayName"]!.GetValue<string>().ShouldBe("Alice Martin");
        sections["profile"]!["primaryEmail"]!.GetValue<string>().ShouldBe(SampleData.AliceEmail);
        sections["profile"]!["phone"]!.GetValue<string>().ShouldBe(SampleData.AlicePhone);
        sections["identities"]!.AsArray().Count.ShouldBe(5);
        sections["identities"]!.AsArray().ShouldContain(i => i!["kind"]!.GetValue<string>() == "ZendeskUserId"
            && i["value"]!.GetValue<string>() == SampleData.AliceZendeskId);
        var timeline = sections["timeline"]!.AsArray();
        timeline.Count.ShouldBe(12);
        var survey = timeline.Single(e => e!["sourceRecordId"]!.GetValue<string>() == "nps-1")!;
        survey["kind"]!.GetValue<string>().ShouldBe("SurveyAnswer");
        survey["details"]!["comment"]!.GetValue<string>().ShouldBe("Pas satisfait du tout");
        survey["details"]!["score"]!.GetValue<int>().ShouldBe(3);
        // Oldest first.
        timeline[0]!["sourceRecordId"]!.GetValue<string>().ShouldBe("contact-1");

        var audit = (await _officer.QueryAsync(Audit, new { customerId = _aliceId }))["auditEntries"]!["nodes"]!.AsArray();
        audit.ShouldContain(a => a!["operation"]!.GetValue<string>() == "EXPORT" && a["outcome"]!.GetValue<string>() == "SUCCEEDED"
            && a["actorTenantId"]!.GetValue<string>() == TestTokens.TenantId && a["actorObjectId"]!.GetValue<string>() == TestTokens.AgentObjectId
            && a["privacyRequestId"]!.GetValue<string>() == result["request"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Export_keeps_unreadable_details_as_text_and_writes_every_field_of_an_event()
    {
        var id = _aliceDbId;
        await _factory.WithDbAsync(async db =>
        {
            var visit = SampleData.Visit(id, "broken-details", SampleData.T0.AddDays(30), "abcdefabcdefabcd");
            visit.Details = "{ not json";
            visit.Summary = null;
            visit.Sentiment = -0.25;
            visit.Title = "Vu la page « tarifs » \"quoted\"";
            db.Events.Add(visit);
            return await db.SaveChangesAsync();
        });

        var document = JsonNode.Parse((await _officer.QueryAsync(Export, new { id = _aliceId }))["exportCustomer"]!["document"]!.GetValue<string>())!;

        var broken = document["sections"]!["timeline"]!.AsArray().Single(e => e!["sourceRecordId"]!.GetValue<string>() == "broken-details")!.AsObject();
        broken["details"]!.GetValue<string>().ShouldBe("{ not json");
        broken["summary"].ShouldBeNull();
        broken.ContainsKey("summary").ShouldBeTrue();
        broken["sentiment"]!.GetValue<double>().ShouldBe(-0.25);
        broken["title"]!.GetValue<string>().ShouldBe("Vu la page « tarifs » \"quoted\"");
        broken["source"]!.GetValue<string>().ShouldBe("Matomo");
        broken["kind"]!.GetValue<string>().ShouldBe("WebVisit");
        broken["channel"]!.GetValue<string>().ShouldBe("Web");
        broken["occurredAt"]!.GetValue<DateTimeOffset>().ShouldBe(SampleData.T0.AddDays(30));
        broken.Select(p => p.Key).ShouldBe(["id", "source", "sourceRecordId", "kind", "occurredAt", "channel", "title", "summary",
            "sentiment", "stageKey", "touchpointKey", "details"]);
    }

    [Fact]
    public async Task Export_brings_long_non_ascii_details_back_whole_across_its_buffer_segments()
    {
        // Stored details are written to the document as they are (UTF-8), so two-, three- and four-byte sequences
        // fall on the edges of the export's pooled segments.
        var comment = string.Concat(Enumerable.Repeat("é€😀 plain ascii, \"quoted\" ", 12_000));
        var id = _aliceDbId;
        await _factory.WithDbAsync(async db =>
        {
            var survey = SampleData.Survey(id, "long-comment", SampleData.T0.AddDays(31), 9, "short");
            survey.Details = System.Text.Json.JsonSerializer.Serialize(new { comment }, RawUtf8);
            db.Events.Add(survey);
            return await db.SaveChangesAsync();
        });

        var document = JsonNode.Parse((await _officer.QueryAsync(Export, new { id = _aliceId }))["exportCustomer"]!["document"]!.GetValue<string>())!;

        var exported = document["sections"]!["timeline"]!.AsArray().Single(e => e!["sourceRecordId"]!.GetValue<string>() == "long-comment")!;
        exported["details"]!["comment"]!.GetValue<string>().ShouldBe(comment);
    }

    [Fact]
    public async Task Erase_removes_every_row_of_the_person_and_keeps_suppression_request_and_audit()
    {
        var erased = (await _officer.QueryAsync(Erase, new { id = _aliceId }))["eraseCustomer"]!;
        erased["alreadyErased"]!.GetValue<bool>().ShouldBeFalse();
        erased["deletedRows"]!.GetValue<int>().ShouldBe(1 + 5 + 12);
        erased["suppressedKeys"]!.GetValue<int>().ShouldBe(5);
        erased["request"]!["status"]!.GetValue<string>().ShouldBe("COMPLETED");

        var id = _aliceDbId;
        await _factory.WithDbAsync(async db =>
        {
            (await db.Customers.CountAsync(c => c.Id == id)).ShouldBe(0);
            (await db.Identities.CountAsync(i => i.CustomerId == id)).ShouldBe(0);
            (await db.Events.CountAsync(e => e.CustomerId == id)).ShouldBe(0);
            // The others are untouched.
            (await db.Customers.CountAsync()).ShouldBe(2);
            (await db.Events.CountAsync()).ShouldBe(6);
            var request = await db.PrivacyRequests.SingleAsync(r => r.CustomerId == id && r.Kind == PrivacyRequestKind.Erasure);
            request.Status.ShouldBe(PrivacyRequestStatus.Completed);
            // The suppression list holds hashes only.
            var hashes = await db.SuppressedIdentities.Select(s => s.ValueHash).ToListAsync();
            hashes.Count.ShouldBe(5);
            hashes.ShouldAllBe(h => h.Length == 64 && h.All(char.IsAsciiHexDigitLower));
            return 0;
        });

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var suppression = scope.ServiceProvider.GetRequiredService<ISuppressionList>();
            (await suppression.IsSuppressedAsync(IdentityKind.Email, SampleData.AliceEmail)).ShouldBeTrue();
            (await suppression.IsSuppressedAsync(IdentityKind.Phone, SampleData.AlicePhone)).ShouldBeTrue();
            (await suppression.IsSuppressedAsync(IdentityKind.ZendeskUserId, SampleData.AliceZendeskId)).ShouldBeTrue();
            (await suppression.IsSuppressedAsync(IdentityKind.MatomoVisitorId, SampleData.AliceVisitorId)).ShouldBeTrue();
            (await suppression.IsSuppressedAsync(IdentityKind.Email, "bob@fabrikam.fr")).ShouldBeFalse();
        }

        (await _officer.QueryAsync("query($id: ID!) { customer(id: $id) { id } node(id: $id) { id } }", new { id = _aliceId }))
            .ToJsonString().ShouldBe("""{"customer":null,"node":null}""");
        var audit = (await _officer.QueryAsync(Audit, new { customerId = _aliceId }))["auditEntries"]!["nodes"]!.AsArray();
        audit.ShouldContain(a => a!["operation"]!.GetValue<string>() == "ERASURE" && a["outcome"]!.GetValue<string>() == "SUCCEEDED");
    }

    [Fact]
    public async Task Erasing_twice_is_a_no_op_that_returns_the_first_request()
    {
        var first = (await _officer.QueryAsync(Erase, new { id = _aliceId }))["eraseCustomer"]!;
        var second = (await _officer.QueryAsync(Erase, new { id = _aliceId }))["eraseCustomer"]!;
        second["alreadyErased"]!.GetValue<bool>().ShouldBeTrue();
        second["deletedRows"]!.GetValue<int>().ShouldBe(0);
        second["request"]!["id"]!.GetValue<string>().ShouldBe(first["request"]!["id"]!.GetValue<string>());
        var id = _aliceDbId;
        (await _factory.WithDbAsync(db => db.PrivacyRequests.CountAsync(r => r.CustomerId == id && r.Kind == PrivacyRequestKind.Erasure)))
            .ShouldBe(1);
        (await _factory.WithDbAsync(db => db.SuppressedIdentities.CountAsync())).ShouldBe(5);
    }

    [Fact]
    public async Task Concurrent_erasures_of_one_customer_erase_it_once_and_return_its_one_request()
    {
        var calls = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var officer = _factory.CreateGraphQLClient([TestTokens.Read, TestTokens.Write, TestTokens.PrivacyManage]);
            return (await officer.QueryAsync(Erase, new { id = _aliceId }))["eraseCustomer"]!;
        }));

        calls.Count(c => !c["alreadyErased"]!.GetValue<bool>()).ShouldBe(1);
        calls.Select(c => c["request"]!["id"]!.GetValue<string>()).Distinct().ShouldHaveSingleItem();
        calls.Sum(c => c["deletedRows"]!.GetValue<int>()).ShouldBe(calls.Single(c => !c["alreadyErased"]!.GetValue<bool>())["deletedRows"]!.GetValue<int>());
        var id = _aliceDbId;
        var requests = await _factory.WithDbAsync(db => db.PrivacyRequests.Where(r => r.CustomerId == id && r.Kind == PrivacyRequestKind.Erasure).ToListAsync());
        requests.ShouldHaveSingleItem().Status.ShouldBe(PrivacyRequestStatus.Completed);
        // Every call is audited, each against the one request.
        var audited = await _factory.WithDbAsync(db => db.AuditEntries.Where(a => a.CustomerId == id && a.Operation == AuditOperation.Erasure).ToListAsync());
        audited.Count.ShouldBe(4);
        audited.ShouldAllBe(a => a.PrivacyRequestId == requests[0].Id && a.Outcome == AuditOutcome.Succeeded);
        (await _factory.WithDbAsync(db => db.SuppressedIdentities.CountAsync())).ShouldBe(5);
    }

    [Fact]
    public async Task Export_or_erase_of_an_unknown_or_erased_customer_is_not_found()
    {
        var unknown = "Q3VzdG9tZXI6OTk5OQ"; // Customer:9999
        (await _officer.PostAsync(Erase, new { id = unknown })).FirstErrorCode.ShouldBe("NOT_FOUND");
        (await _officer.PostAsync(Export, new { id = unknown })).FirstErrorCode.ShouldBe("NOT_FOUND");
        await _officer.QueryAsync(Erase, new { id = _aliceId });
        (await _officer.PostAsync(Export, new { id = _aliceId })).FirstErrorCode.ShouldBe("NOT_FOUND");
        (await _officer.PostAsync(Erase, new { id = "not-an-id" })).FirstErrorCode.ShouldBe("BAD_USER_INPUT");
    }

    public static TheoryData<string, string[], string[]?> NotAllowed => new()
    {
        { "no Timeline.Write", [TestTokens.Read, TestTokens.PrivacyManage, TestTokens.PiiRead], null },
        { "no Privacy.Manage", [TestTokens.Read, TestTokens.Write, TestTokens.PiiRead], null },
    };

    [Theory]
    [MemberData(nameof(NotAllowed))]
    public async Task Privacy_mutations_need_write_and_privacy_permissions(string why, string[] scopes, string[]? roles)
    {
        using var client = _factory.CreateGraphQLClient(scopes, roles);
        var export = await client.PostAsync(Export, new { id = _aliceId });
        export.FirstErrorCode.ShouldBe("FORBIDDEN", why);
        export.Data?["exportCustomer"].ShouldBeNull(why);
        var erase = await client.PostAsync(Erase, new { id = _aliceId });
        erase.FirstErrorCode.ShouldBe("FORBIDDEN", why);
        // Nothing was touched or recorded.
        var id = _aliceDbId;
        (await _factory.WithDbAsync(db => db.Customers.CountAsync(c => c.Id == id))).ShouldBe(1);
        (await _factory.WithDbAsync(db => db.PrivacyRequests.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Reading_the_audit_log_needs_privacy_manage()
    {
        using var agent = _factory.CreateGraphQLClient([TestTokens.Read, TestTokens.PiiRead]);
        var r = await agent.PostAsync(Audit, new { customerId = _aliceId });
        r.FirstErrorCode.ShouldBe("FORBIDDEN");
        r.FirstErrorMessage.ShouldContain(TestTokens.PrivacyManage);
    }

    [Fact]
    public async Task A_daemon_with_app_roles_can_run_privacy_operations()
    {
        using var daemon = _factory.CreateGraphQLClient(TestTokens.Mint(scopes: [], roles: [TestTokens.Read, TestTokens.Write, TestTokens.PrivacyManage]));
        var result = (await daemon.QueryAsync(Export, new { id = _aliceId }))["exportCustomer"]!;
        result["request"]!["status"]!.GetValue<string>().ShouldBe("COMPLETED");
    }

    [Fact]
    public async Task Unmasked_reads_are_audited_per_customer_and_masked_reads_are_not()
    {
        using var dashboard = _factory.CreateGraphQLClient([TestTokens.Read]);
        await dashboard.QueryAsync("{ customers(first: 10) { nodes { displayName primaryEmail } } }");
        await FlushAuditAsync();
        (await _factory.WithDbAsync(db => db.AuditEntries.CountAsync())).ShouldBe(0);

        using var agent = _factory.CreateGraphQLClient([TestTokens.Read, TestTokens.PiiRead]);
        await agent.QueryAsync("{ customers(first: 10) { nodes { company } } }");
        await FlushAuditAsync();
        (await _factory.WithDbAsync(db => db.AuditEntries.CountAsync())).ShouldBe(0);

        await agent.QueryAsync("""{ customerByIdentity(email: "alice.martin@example.com") { displayName phone timeline(first: 5) { nodes { summary } } } }""");
        await FlushAuditAsync();
        var rows = await _factory.WithDbAsync(db => db.AuditEntries.ToListAsync());
        var row = rows.ShouldHaveSingleItem();
        row.Operation.ShouldBe(AuditOperation.PiiRead);
        row.CustomerId.ShouldBe(_aliceDbId);
        row.ActorTenantId.ShouldBe(TestTokens.TenantId);
        row.ActorObjectId.ShouldBe(TestTokens.AgentObjectId);
    }

    // PII-read rows are written behind the response, in batches.
    private Task FlushAuditAsync() => _factory.Services.GetRequiredService<PiiReadAuditWriter>().FlushAsync();
}
