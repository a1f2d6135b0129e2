using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Tests.Security;

/// <summary>
/// exportCustomer's download address, which streams the document, and its inline limit: a customer over it gets
/// EXPORT_TOO_LARGE on document and the address instead.
/// </summary>
public sealed class ExportDownloadTests : IAsyncLifetime
{
    private const string Export = "mutation($id: ID!) { exportCustomer(id: $id) { document downloadUrl request { id status } } }";
    private const string ExportLink = "mutation($id: ID!) { exportCustomer(id: $id) { downloadUrl request { id status } } }";
    private const int InlineLimit = 3;

    private readonly SmallInlineFactory _factory = new();
    private GraphQLClient _officer = null!;
    private string _aliceId = "", _carolId = "";
    private long _aliceDbId;

    public async Task InitializeAsync()
    {
        await _factory.SeedAsync(SampleData.SeedAsync);
        _officer = _factory.CreateGraphQLClient([TestTokens.Read, TestTokens.Write, TestTokens.PrivacyManage]);
        _aliceDbId = await SampleData.CustomerIdAsync(_factory, SampleData.AliceEmail);
        _aliceId = GlobalId.Encode(GlobalId.CustomerType, _aliceDbId);
        _carolId = GlobalId.Encode(GlobalId.CustomerType, await SampleData.CustomerIdAsync(_factory, "carol@example.org"));
    }

    public async Task DisposeAsync()
    {
        _officer.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task The_download_streams_the_inline_document_and_is_audited()
    {
        var export = (await _officer.QueryAsync(Export, new { id = _carolId }))["exportCustomer"]!;
        var inline = JsonNode.Parse(export["document"]!.GetValue<string>())!;

        using var response = await _officer.Http.GetAsync(export["downloadUrl"]!.GetValue<string>());
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var downloaded = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        // Built at download time: only its exportedAt differs from the inline copy.
        downloaded["exportedAt"]!.GetValue<DateTimeOffset>().ShouldBeGreaterThanOrEqualTo(inline["exportedAt"]!.GetValue<DateTimeOffset>());
        downloaded.AsObject().Remove("exportedAt");
        inline.AsObject().Remove("exportedAt");
        JsonNode.DeepEquals(downloaded, inline).ShouldBeTrue();

        var requestId = export["request"]!["id"]!.GetValue<string>();
        var audit = await _officer.QueryAsync("""
            query($id: ID) { auditEntries(first: 10, customerId: $id) { nodes { operation outcome privacyRequestId } } }
            """, new { id = _carolId });
        var operations = audit["auditEntries"]!["nodes"]!.AsArray()
            .Where(a => a!["privacyRequestId"]?.GetValue<string>() == requestId)
            .Select(a => a!["operation"]!.GetValue<string>()).Order().ToArray();
        operations.ShouldBe(["EXPORT", "EXPORT_DOWNLOAD"]);
    }

    [Fact]
    public async Task A_customer_over_the_inline_limit_gets_a_clear_error_on_document_and_downloads_in_full()
    {
        var events = await _factory.WithDbAsync(db => db.Events.CountAsync(e => e.CustomerId == _aliceDbId));
        events.ShouldBeGreaterThan(InlineLimit);

        var result = await _officer.PostAsync(Export, new { id = _aliceId });
        result.FirstErrorCode.ShouldBe("EXPORT_TOO_LARGE");
        result.FirstErrorMessage.ShouldContain($"{events} events");
        result.FirstErrorMessage.ShouldContain("downloadUrl");
        result.Errors![0]!["path"]!.ToJsonString().ShouldBe("""["exportCustomer","document"]""");
        var export = result.Data!["exportCustomer"]!;
        export["document"].ShouldBeNull();
        export["request"]!["status"]!.GetValue<string>().ShouldBe("COMPLETED");

        using var response = await _officer.Http.GetAsync(export["downloadUrl"]!.GetValue<string>());
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        document["customerId"]!.GetValue<string>().ShouldBe(_aliceId);
        document["sections"]!["timeline"]!.AsArray().Count.ShouldBe(events);
        document["sections"]!["profile"]!["primaryEmail"]!.GetValue<string>().ShouldBe(SampleData.AliceEmail);
    }

    [Fact]
    public async Task Asking_only_for_the_link_records_the_request_without_an_error()
    {
        var result = await _officer.PostAsync(ExportLink, new { id = _aliceId });
        result.Errors.ShouldBeNull();
        result.Data!["exportCustomer"]!["downloadUrl"]!.GetValue<string>().ShouldStartWith("/privacy/exports/");
        (await _factory.WithDbAsync(db => db.PrivacyRequests.CountAsync(r => r.CustomerId == _aliceDbId && r.Kind == PrivacyRequestKind.Export)))
            .ShouldBe(1);
    }

    [Fact]
    public async Task Downloads_need_a_token_with_read_and_privacy_manage()
    {
        var url = await LinkAsync(_carolId);
        using var anonymous = _factory.CreateGraphQLClient((string?)null);
        (await anonymous.Http.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var agent = _factory.CreateGraphQLClient([TestTokens.Read, TestTokens.Write, TestTokens.PiiRead]);
        using var forbidden = await agent.Http.GetAsync(url);
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await GraphQLClient.ReadAsync(forbidden)).FirstErrorMessage.ShouldContain(TestTokens.PrivacyManage);

        // Nothing was sent to them, so nothing was audited.
        (await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Operation == AuditOperation.ExportDownload))).ShouldBe(0);
    }

    [Fact]
    public async Task Unknown_foreign_erased_and_expired_downloads_are_refused_with_clear_errors()
    {
        async Task<GraphQLResponse> GetAsync(string url)
        {
            using var response = await _officer.Http.GetAsync(url);
            return await GraphQLClient.ReadAsync(response);
        }

        var unknown = await GetAsync("/privacy/exports/UHJpdmFjeVJlcXVlc3Q6OTk5OQ"); // PrivacyRequest:9999
        (unknown.Status, unknown.FirstErrorCode).ShouldBe((HttpStatusCode.NotFound, "NOT_FOUND"));
        var customerId = await GetAsync("/privacy/exports/" + _carolId); // a customer's id, not a request's
        (customerId.Status, customerId.FirstErrorCode).ShouldBe((HttpStatusCode.NotFound, "NOT_FOUND"));
        (await GetAsync("/privacy/exports/%27%20or%201=1")).Status.ShouldBe(HttpStatusCode.NotFound);

        var expired = await LinkAsync(_carolId);
        var longAgo = DateTimeOffset.UtcNow.AddHours(-25);
        await _factory.WithDbAsync(db => db.PrivacyRequests.ExecuteUpdateAsync(s => s.SetProperty(r => r.RequestedAt, longAgo)));
        var gone = await GetAsync(expired);
        (gone.Status, gone.FirstErrorCode).ShouldBe((HttpStatusCode.Gone, "EXPORT_EXPIRED"));

        var erased = await LinkAsync(_aliceId);
        await _officer.QueryAsync("mutation($id: ID!) { eraseCustomer(id: $id) { deletedRows } }", new { id = _aliceId });
        var afterErasure = await GetAsync(erased);
        (afterErasure.Status, afterErasure.FirstErrorCode).ShouldBe((HttpStatusCode.NotFound, "NOT_FOUND"));
        (await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Operation == AuditOperation.ExportDownload))).ShouldBe(0);
    }

    [Fact]
    public async Task A_download_whose_customer_was_merged_since_names_the_survivor_and_sends_nothing()
    {
        var link = await LinkAsync(_carolId);
        var carol = await SampleData.CustomerIdAsync(_factory, "carol@example.org");
        // A sync merges Carol into Alice.
        await _factory.SeedAsync(db => SimulatedMerge.MergeAsync(db, carol, _aliceDbId));

        using var response = await _officer.Http.GetAsync(link);
        var refused = await GraphQLClient.ReadAsync(response);

        (refused.Status, refused.FirstErrorCode).ShouldBe((HttpStatusCode.Gone, "CUSTOMER_MERGED"));
        refused.Errors![0]!["extensions"]!["mergedInto"]!.GetValue<string>().ShouldBe(_aliceId);
        refused.FirstErrorMessage.ShouldContain(_aliceId);
        (await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Operation == AuditOperation.ExportDownload))).ShouldBe(0);
    }

    private async Task<string> LinkAsync(string customerId) =>
        (await _officer.QueryAsync(ExportLink, new { id = customerId }))["exportCustomer"]!["downloadUrl"]!.GetValue<string>();

    private sealed class SmallInlineFactory : TimelineApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Privacy:Export:InlineEventLimit"] = InlineLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
