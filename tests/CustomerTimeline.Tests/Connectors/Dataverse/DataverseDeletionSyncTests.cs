using System.Text.Json;
using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CustomerTimeline.Tests.Connectors.Dataverse;

/// <summary>
/// The whole path of a row deleted in Dataverse: the real connector over HTTP to a WireMock organization, the sync
/// runner, the page writer and a real SQLite file. Its event leaves the timeline and a tombstone keeps it out.
/// </summary>
[Collection(ConnectorTestGroup.Name)]
public sealed class DataverseDeletionSyncTests : IClassFixture<WireMockFixture>
{
    private const string Contact = "49b0be2e-d01c-ed11-b83e-000d3a572421";
    private const string Kept = "0d5a1a1e-1111-4a4a-9c9c-000000000001";
    private const string Deleted = "0d5a1a1e-1111-4a4a-9c9c-000000000002";
    private readonly WireMockServer server;

    public DataverseDeletionSyncTests(WireMockFixture wireMock)
    {
        server = wireMock.Server;
        server.Reset();
    }

    [Fact]
    public async Task A_row_deleted_in_Dataverse_leaves_the_timeline_at_the_next_sweep_and_stays_out()
    {
        Listing("contacts", new
        {
            contactid = Contact, fullname = "Ana Pop", emailaddress1 = "ana@example.ro",
            createdon = "2024-05-02T10:00:00Z", modifiedon = "2024-05-02T10:00:00Z",
        });
        Listing("activitypointers", Activity(Kept, "2024-05-03T09:00:00Z"), Activity(Deleted, "2024-05-03T10:00:00Z"));
        Listing("annotations");
        await using var api = new DataverseApiFactory(server.Url!);

        (await api.RunAsync()).Outcome.ShouldBe(SyncOutcome.Succeeded);
        (await RecordIdsAsync(api)).ShouldBe([$"activity-{Kept}", $"activity-{Deleted}", $"contact-{Contact}-change-20240502T100000Z"]);

        // A day later Dataverse no longer has the second activity.
        api.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Existing("contacts", "contactid", Contact);
        Existing("activitypointers", "activityid", Kept);
        Existing("annotations", "annotationid");
        DataverseStubs.Gone(server, "activitypointers", Deleted);
        (await api.RunAsync()).Outcome.ShouldBe(SyncOutcome.Succeeded);

        (await RecordIdsAsync(api)).ShouldBe([$"activity-{Kept}", $"contact-{Contact}-change-20240502T100000Z"]);
        var tombstone = await api.WithDbAsync(db => db.SourceTombstones.SingleAsync());
        (tombstone.Source, tombstone.SourceRecordId).ShouldBe((EventSource.Dataverse, $"activity-{Deleted}"));
        // The listing still returns the old version (a replica, a replay): the tombstone is newer, it stays out.
        (await api.RunAsync()).Outcome.ShouldBe(SyncOutcome.Succeeded);
        (await RecordIdsAsync(api)).ShouldNotContain($"activity-{Deleted}");
        var state = await api.WithDbAsync(db => db.SyncStates.SingleAsync(s => s.Source == EventSource.Dataverse && s.Stream == "deletions"));
        state.Status.ShouldBe(SyncStatus.Succeeded);
    }

    private static Task<List<string>> RecordIdsAsync(TimelineApiFactory api) =>
        api.WithDbAsync(db => db.Events.Select(e => e.SourceRecordId).OrderBy(id => id).ToListAsync());

    private static Dictionary<string, object?> Activity(string id, string modifiedOn) => new()
    {
        ["activityid"] = id,
        ["activitytypecode"] = "phonecall",
        ["subject"] = "Call " + id[^1],
        ["description"] = "Talked it through.",
        ["_regardingobjectid_value"] = Contact,
        ["_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname"] = "contact",
        ["actualdurationminutes"] = 10,
        ["actualstart"] = modifiedOn,
        ["createdon"] = modifiedOn,
        ["modifiedon"] = modifiedOn,
        ["activity_pointer_activity_parties"] = Array.Empty<object>(),
    };

    /// <summary>The incremental read (it orders by modifiedon); always the same rows, as the watermark skips them.</summary>
    private void Listing(string entitySet, params object[] rows) => DataverseStubs.Listing(server, entitySet, rows);

    private void Existing(string entitySet, string idColumn, params string[] ids) => DataverseStubs.Existing(server, entitySet, idColumn, ids);

    private static IResponseBuilder Json(object body) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(body));
}
