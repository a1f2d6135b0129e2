using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Server;

namespace CustomerTimeline.Tests.Connectors.Dataverse;

/// <summary>
/// A database the previous connector filled (an agent's email read as the customer's words, its HTML as text) is
/// corrected by the upgrade: the migration re-reads activities and notes, and the page writer corrects what the new
/// mapping reads differently, over real HTTP to a WireMock organization and a real SQLite file.
/// </summary>
[Collection(ConnectorTestGroup.Name)]
public sealed class DataverseRereadTests : IClassFixture<WireMockFixture>
{
    private const string MigrationBefore = "20261203185432_CustomerSegmentIndexes";
    private const string Contact = "49b0be2e-d01c-ed11-b83e-000d3a572421";
    private const string Email = "0d5a1a1e-1111-4a4a-9c9c-000000000009";
    private const string Html = "<p>Hello Ana,</p><p>Would you like to add licences before the renewal?</p>";
    private readonly WireMockServer server;

    public DataverseRereadTests(WireMockFixture wireMock)
    {
        server = wireMock.Server;
        server.Reset();
    }

    [Fact]
    public async Task Upgrading_re_reads_activities_and_corrects_what_the_old_mapping_stored()
    {
        DataverseStubs.Listing(server, "contacts", new Dictionary<string, object?>
        {
            ["contactid"] = Contact, ["fullname"] = "Ana Pop", ["emailaddress1"] = "ana@example.ro",
            ["createdon"] = "2024-05-02T10:00:00Z", ["modifiedon"] = "2024-05-02T10:00:00Z",
        });
        DataverseStubs.Listing(server, "activitypointers", new Dictionary<string, object?>
        {
            ["activityid"] = Email,
            ["activitytypecode"] = "email",
            ["subject"] = "Your renewal",
            ["description"] = Html,
            ["_regardingobjectid_value"] = Contact,
            ["_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname"] = "contact",
            ["actualend"] = "2024-05-03T09:00:00Z",
            ["createdon"] = "2024-05-03T09:00:00Z",
            ["modifiedon"] = "2024-05-03T09:00:00Z",
            ["activity_pointer_activity_parties"] = new object[]
            {
                new Dictionary<string, object?>
                {
                    ["_partyid_value"] = Contact, ["_partyid_value@Microsoft.Dynamics.CRM.lookuplogicalname"] = "contact",
                    ["participationtypemask"] = 2,
                },
            },
        });
        DataverseStubs.Listing(server, "annotations");
        await using var api = new DataverseApiFactory(server.Url!);
        (await api.RunAsync()).Outcome.ShouldBe(SyncOutcome.Succeeded);
        var id = $"activity-{Email}";

        // As the previous version stored it: no direction, the HTML as the body, the agent's question as a purchase intent.
        await api.WithDbAsync(db => db.Events.Where(e => e.SourceRecordId == id).ExecuteUpdateAsync(u => u
            .SetProperty(e => e.Details, new CrmActivityDetails("email", "Your renewal", null, Html, null, null).ToJson())
            .SetProperty(e => e.Summary, Html)
            .SetProperty(e => e.Intents, "purchase")));
        var contactsCursor = await CursorAsync(api, "contacts");

        await api.WithDbAsync(async db =>
        {
            var migrator = db.GetInfrastructure().GetRequiredService<IMigrator>();
            await migrator.MigrateAsync(MigrationBefore);
            await migrator.MigrateAsync();
            return 0;
        });
        (await CursorAsync(api, "activities")).ShouldBeNull();
        (await CursorAsync(api, "notes")).ShouldBeNull();
        (await CursorAsync(api, "contacts")).ShouldBe(contactsCursor, "contacts read nothing more");

        (await api.RunAsync()).Outcome.ShouldBe(SyncOutcome.Succeeded);

        var stored = await api.WithDbAsync(db => db.Events.AsNoTracking().SingleAsync(e => e.SourceRecordId == id));
        var details = stored.ParsedDetails.ShouldBeOfType<CrmActivityDetails>();
        details.Direction.ShouldBe("Outgoing");
        details.Body.ShouldBe("Hello Ana,\n\nWould you like to add licences before the renewal?");
        stored.Summary.ShouldBe("Hello Ana, Would you like to add licences before the renewal?");
        stored.Intents.ShouldBe("", "the agent's words are not the customer's");
        stored.SourceUpdatedAt.ShouldBe(DateTimeOffset.Parse("2024-05-03T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        (await api.WithDbAsync(db => db.Events.CountAsync())).ShouldBe(2, "corrected in place, nothing duplicated");

    }

    private static Task<string?> CursorAsync(DataverseApiFactory api, string stream) =>
        api.WithDbAsync(db => db.SyncStates.Where(s => s.Source == EventSource.Dataverse && s.Stream == stream)
            .Select(s => s.Cursor).SingleOrDefaultAsync());
}
