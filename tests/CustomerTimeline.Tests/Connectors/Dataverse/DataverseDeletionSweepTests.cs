using System.Text.Json;
using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Dataverse;
using CustomerTimeline.Api.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CustomerTimeline.Tests.Connectors.Dataverse;

/// <summary>
/// A modifiedon watermark never shows a deleted row: the deletions stream asks Dataverse which stored rows still
/// exist, a batch at a time, and reports the others as deletions.
/// </summary>
[Collection(ConnectorTestGroup.Name)]
public sealed class DataverseDeletionSweepTests : IClassFixture<WireMockFixture>
{
    private const string A = "0a000000-0000-4000-8000-00000000000a";
    private const string B = "0b000000-0000-4000-8000-00000000000b";
    private const string C = "0c000000-0000-4000-8000-00000000000c";
    private const string D = "0d000000-0000-4000-8000-00000000000d";
    private const string E = "0e000000-0000-4000-8000-00000000000e";
    private readonly WireMockServer server;
    private readonly FakeStoredRecordIds stored = new();

    public DataverseDeletionSweepTests(WireMockFixture wireMock)
    {
        server = wireMock.Server;
        server.Reset();
    }

    [Fact]
    public async Task The_first_sweep_comes_an_interval_after_the_first_sync_then_reports_the_rows_Dataverse_no_longer_has()
    {
        // Contact A (two change events) and activity C still exist; contact B, activity D and note E were deleted.
        stored.Add($"contact-{A}-change-20240501T100000Z", $"contact-{A}-change-20240502T100000Z", $"contact-{B}-change-20240501T100000Z",
            $"activity-{C}", $"activity-{D}", $"note-{E}", "note-not-a-dataverse-row");
        Existing("contacts", "contactid", A);
        Existing("activitypointers", "activityid", C);
        Existing("annotations", "annotationid");
        Gone("contacts", B);
        Gone("activitypointers", D);
        Gone("annotations", E);
        await using var host = Host();
        var connector = host.Connector<DataverseConnector>();
        connector.Streams.ShouldBe(["contacts", "activities", "notes", "deletions"]);

        var first = await connector.FetchPageAsync("deletions", null, CancellationToken.None);
        first.Records.ShouldBeEmpty();
        first.EndOfStream.ShouldBeTrue();
        server.LogEntries.ShouldBeEmpty("what the first sync stored is current");

        host.Time.Advance(TimeSpan.FromDays(1));
        var startedAt = host.Time.GetUtcNow();
        var (deleted, pages, last) = await SweepAsync(connector, first.NextCursor);

        deleted.Select(d => d.RecordId).ShouldBe([$"contact-{B}-change-20240501T100000Z", $"activity-{D}", $"note-{E}"]);
        deleted.ShouldAllBe(d => d.UpdatedAt == startedAt);
        pages.ShouldBe(6); // a batch and the move to the next table, for each of the three
        Filters().ShouldBe([
            ("contacts", "contactid", $"contactid eq {A} or contactid eq {B}"),
            ("activitypointers", "activityid", $"activityid eq {C} or activityid eq {D}"),
            ("annotations", "annotationid", $"annotationid eq {E}"),
        ]);
        var done = JsonSerializer.Deserialize<DataverseDeletionCursor>(last.NextCursor!)!;
        (done.StartedAt, done.LastCompletedAt).ShouldBe((null, startedAt));

        // Until the next interval, nothing is asked again.
        server.ResetLogEntries();
        var idle = await connector.FetchPageAsync("deletions", last.NextCursor, CancellationToken.None);
        (idle.Records.Count, idle.EndOfStream).ShouldBe((0, true));
        server.LogEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task Rows_changed_after_the_sweep_began_are_not_checked_and_a_sweep_spreads_over_runs()
    {
        stored.Add($"activity-{C}", $"activity-{D}");
        Existing("contacts", "contactid");
        Existing("activitypointers", "activityid", C);
        Existing("annotations", "annotationid");
        Gone("activitypointers", D);
        await using var host = Host(new() { [$"{DataverseOptions.Section}:DeletionSweepPagesPerRun"] = "1" });
        var connector = host.Connector<DataverseConnector>();
        var cursor = (await connector.FetchPageAsync("deletions", null, CancellationToken.None)).NextCursor;
        host.Time.Advance(TimeSpan.FromDays(2));
        // Stored by a sync after the sweep began: that sync is newer than anything the sweep could say.
        stored.AddChanged(host.Time.GetUtcNow().AddMinutes(1), "contact-" + A);

        var runs = new List<List<SourceRecord>>();
        for (var run = 0; run < 10; run++)
        {
            host.Time.Advance(TimeSpan.FromMinutes(1));
            var page = await connector.FetchPageAsync("deletions", cursor, CancellationToken.None);
            var records = page.Records.ToList();
            // A run reads until the end of the stream; a run of one batch ends after it.
            while (!page.EndOfStream)
            {
                page = await connector.FetchPageAsync("deletions", page.NextCursor, CancellationToken.None);
                records.AddRange(page.Records);
            }
            runs.Add(records);
            cursor = page.NextCursor;
            if (JsonSerializer.Deserialize<DataverseDeletionCursor>(cursor!)!.StartedAt is null) break;
        }

        runs.SelectMany(r => r).Select(r => r.RecordId).ShouldBe([$"activity-{D}"]);
        runs.Count.ShouldBeGreaterThan(1);
        Filters().Select(f => f.EntitySet).ShouldBe(["activitypointers"], "no contact was stored before the sweep began");
    }

    [Fact]
    public async Task A_row_the_batch_left_out_is_deleted_only_when_Dataverse_says_it_does_not_exist()
    {
        // B no longer exists; C moved out of the application user's reach (403); D was left out but reads fine.
        stored.Add($"contact-{A}", $"contact-{B}", $"contact-{C}", $"contact-{D}");
        Existing("contacts", "contactid", A);
        Gone("contacts", B);
        Single("contacts", C, 403, new { error = new { code = "0x80040220", message = "SecLib::AccessCheckEx failed. ReadAccess" } });
        Single("contacts", D, 200, new Dictionary<string, string> { ["contactid"] = D });
        await using var host = Host();
        var connector = host.Connector<DataverseConnector>();
        var cursor = (await connector.FetchPageAsync("deletions", null, CancellationToken.None)).NextCursor;
        host.Time.Advance(TimeSpan.FromDays(1));

        var page = await connector.FetchPageAsync("deletions", cursor, CancellationToken.None);

        page.Records.Select(r => r.RecordId).ShouldBe([$"contact-{B}"]);
        Retrieved().ShouldBe([$"contacts({B})?$select=contactid", $"contacts({C})?$select=contactid", $"contacts({D})?$select=contactid"], ignoreOrder: true);
    }

    [Theory]
    [InlineData(404, "<html>Not Found</html>")]
    [InlineData(404, "{\"error\":{\"code\":\"0x8006088a\",\"message\":\"Resource not found for the segment\"}}")]
    [InlineData(400, "{\"error\":{\"code\":\"0x80060888\",\"message\":\"Bad Request\"}}")]
    public async Task Any_other_answer_about_a_left_out_row_fails_the_page_and_deletes_nothing(int status, string body)
    {
        stored.Add($"contact-{A}", $"contact-{B}");
        Existing("contacts", "contactid", A);
        server.Given(Request.Create().WithPath($"/api/data/v9.2/contacts({B})").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
        await using var host = Host();
        var connector = host.Connector<DataverseConnector>();
        var cursor = (await connector.FetchPageAsync("deletions", null, CancellationToken.None)).NextCursor;
        host.Time.Advance(TimeSpan.FromDays(1));

        await Should.ThrowAsync<SourceUnavailableException>(() => connector.FetchPageAsync("deletions", cursor, CancellationToken.None));
    }

    [Fact]
    public async Task A_zero_interval_turns_the_sweep_off()
    {
        await using var host = Host(new() { [$"{DataverseOptions.Section}:DeletionSweepInterval"] = "00:00:00" });
        host.Connector<DataverseConnector>().Streams.ShouldBe(["contacts", "activities", "notes"]);
    }

    [Fact]
    public void A_stored_id_names_its_row_only_when_it_holds_a_guid()
    {
        DataverseDeletionSweep.RowOf($"contact-{A}-change-20240501T100000Z", "contact-").ShouldBe(Guid.Parse(A));
        DataverseDeletionSweep.RowOf($"activity-{C}", "activity-").ShouldBe(Guid.Parse(C));
        DataverseDeletionSweep.RowOf("note-not-a-dataverse-row", "note-").ShouldBeNull();
        DataverseDeletionSweep.RowOf("note-", "note-").ShouldBeNull();
    }

    private static async Task<(List<SourceRecord> Deleted, int Pages, SourcePage Last)> SweepAsync(DataverseConnector connector, string? cursor)
    {
        var deleted = new List<SourceRecord>();
        var pages = 0;
        while (true)
        {
            var page = await connector.FetchPageAsync("deletions", cursor, CancellationToken.None);
            pages++;
            deleted.AddRange(page.Records);
            if (page.EndOfStream) return (deleted, pages, page);
            cursor = page.NextCursor;
        }
    }

    private List<(string EntitySet, string Select, string Filter)> Filters() =>
        [.. server.LogEntries.Select(e => e.RequestMessage).Where(r => !r.Path.EndsWith(')')).OrderBy(r => r.DateTime).Select(r => (
            r.Path[(r.Path.LastIndexOf('/') + 1)..],
            r.Query![Uri.EscapeDataString("$select")].Single(),
            r.Query[Uri.EscapeDataString("$filter")].Single()))];

    private void Existing(string entitySet, string idColumn, params string[] ids) => DataverseStubs.Existing(server, entitySet, idColumn, ids);

    /// <summary>The rows asked for by id, as "entitySet(id)?$select=column".</summary>
    private List<string> Retrieved() =>
        [.. server.LogEntries.Select(e => e.RequestMessage).Where(r => r.Path.EndsWith(')')).Select(r =>
            r.Path[(r.Path.LastIndexOf('/') + 1)..] + "?$select=" + r.Query![Uri.EscapeDataString("$select")].Single())];

    private void Gone(string entitySet, string id) => DataverseStubs.Gone(server, entitySet, id);

    private void Single(string entitySet, string id, int status, object body) => DataverseStubs.Single(server, entitySet, id, status, body);

    private ConnectorTestHost Host(Dictionary<string, string?>? extra = null)
    {
        var settings = DataverseSettings.For(server.Url!);
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        return ConnectorTestHost.Create(settings, services =>
        {
            DataverseSettings.FakeToken(services);
            services.Replace(ServiceDescriptor.Singleton<IStoredRecordIds>(stored));
        });
    }

    /// <summary>The stored ids in the database's order (StoredRecordIds' own test reads a real database).</summary>
    private sealed class FakeStoredRecordIds : IStoredRecordIds
    {
        private readonly SortedDictionary<string, DateTimeOffset> _ids = new(StringComparer.Ordinal);

        public void Add(params string[] ids)
        {
            foreach (var id in ids) _ids[id] = new DateTimeOffset(2024, 5, 2, 10, 0, 0, TimeSpan.Zero);
        }

        public void AddChanged(DateTimeOffset changedAt, string id) => _ids[id] = changedAt;

        public Task<IReadOnlyList<string>> PageAsync(EventSource source, string prefix, string? after, DateTimeOffset changedBefore, int take,
            CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>([.. _ids
                .Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal) && string.CompareOrdinal(p.Key, after ?? prefix) > 0 && p.Value < changedBefore)
                .Select(p => p.Key)
                .Take(take)]);
    }
}
