using System.Text.Json;
using CustomerTimeline.Api.Connectors.Sync;
using Microsoft.EntityFrameworkCore;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CustomerTimeline.Tests.Connectors.Dataverse;

/// <summary>A call or meeting canceled in the CRM did not happen: it is not on the timeline, and leaves it once canceled.</summary>
[Collection(ConnectorTestGroup.Name)]
public sealed class DataverseCanceledActivityTests : IClassFixture<WireMockFixture>
{
    private const string Contact = "49b0be2e-d01c-ed11-b83e-000d3a572421";
    private const string Meeting = "0d5a1a1e-1111-4a4a-9c9c-000000000011";
    private const string Call = "0d5a1a1e-1111-4a4a-9c9c-000000000012";
    private readonly WireMockServer server;

    public DataverseCanceledActivityTests(WireMockFixture wireMock)
    {
        server = wireMock.Server;
        server.Reset();
    }

    [Fact]
    public async Task A_canceled_activity_is_not_on_the_timeline_and_one_canceled_later_leaves_it()
    {
        Listings(Activity(Meeting, "appointment", 3, "2024-05-03T09:00:00Z"), Activity(Call, "phonecall", 2, "2024-05-03T10:00:00Z"));
        await using var api = new DataverseApiFactory(server.Url!);
        (await api.RunAsync()).Outcome.ShouldBe(SyncOutcome.Succeeded);
        (await ActivityIdsAsync(api)).ShouldBe([$"activity-{Meeting}"], "the canceled call never happened");

        server.Reset();
        Listings(Activity(Meeting, "appointment", 2, "2024-05-04T09:00:00Z"));
        var run = await api.RunAsync();
        run.Outcome.ShouldBe(SyncOutcome.Succeeded, run.Error);

        (await ActivityIdsAsync(api)).ShouldBeEmpty("the meeting was canceled");
        (await api.WithDbAsync(db => db.Customers.CountAsync())).ShouldBe(1, "the contact stays");
    }

    private static Task<List<string>> ActivityIdsAsync(DataverseApiFactory api) =>
        api.WithDbAsync(db => db.Events.Where(e => e.SourceRecordId.StartsWith("activity-")).Select(e => e.SourceRecordId).ToListAsync());

    private static Dictionary<string, object?> Activity(string id, string type, int state, string modifiedOn) => new()
    {
        ["activityid"] = id,
        ["activitytypecode"] = type,
        ["subject"] = "Renewal " + type,
        ["_regardingobjectid_value"] = Contact,
        ["_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname"] = "contact",
        ["statecode"] = state,
        ["scheduledstart"] = "2024-05-03T08:00:00Z",
        ["createdon"] = "2024-05-02T10:00:00Z",
        ["modifiedon"] = modifiedOn,
        ["activity_pointer_activity_parties"] = Array.Empty<object>(),
    };

    private void Listings(params object[] activities)
    {
        Listing("contacts", new Dictionary<string, object?>
        {
            ["contactid"] = Contact, ["fullname"] = "Ana Pop", ["emailaddress1"] = "ana@example.ro",
            ["createdon"] = "2024-05-02T10:00:00Z", ["modifiedon"] = "2024-05-02T10:00:00Z",
        });
        Listing("activitypointers", activities);
        Listing("annotations");
    }

    private void Listing(string entitySet, params object[] rows) => DataverseStubs.Listing(server, entitySet, rows);
}
