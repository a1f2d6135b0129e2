using System.Globalization;
using System.Text.Json;
using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Dataverse;
using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CustomerTimeline.Tests.Connectors.Dataverse;

/// <summary>
/// CRM activities that did not happen yet or at all: a canceled call or meeting is not on the timeline (and leaves it
/// once canceled); a planned one is dated when it was planned until it happens.
/// </summary>
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

    [Fact]
    public void A_planned_activity_is_dated_when_it_was_planned_until_it_happens()
    {
        var planned = Activity(Meeting, "appointment", 3, "2024-05-02T10:05:00Z");
        planned["scheduledstart"] = "2024-05-20T14:00:00Z";

        var future = DataverseMapper.MapActivity(JsonSerializer.SerializeToElement(planned)).ShouldBeOfType<SourceEvent>();

        future.OccurredAt.ShouldBe(DateTimeOffset.Parse("2024-05-02T10:00:00Z", CultureInfo.InvariantCulture), "its createdon, not the meeting's day");
        future.Title.ShouldBe("Planned for 2024-05-20: Renewal appointment");
        future.Details.ShouldBeOfType<CrmActivityDetails>().Subject.ShouldBe("Renewal appointment");

        planned["statecode"] = 1;
        planned["actualstart"] = "2024-05-20T14:00:00Z";
        planned["modifiedon"] = "2024-05-20T15:10:00Z";
        var held = DataverseMapper.MapActivity(JsonSerializer.SerializeToElement(planned)).ShouldBeOfType<SourceEvent>();
        held.OccurredAt.ShouldBe(DateTimeOffset.Parse("2024-05-20T14:00:00Z", CultureInfo.InvariantCulture));
        held.Title.ShouldBe("Renewal appointment");
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
