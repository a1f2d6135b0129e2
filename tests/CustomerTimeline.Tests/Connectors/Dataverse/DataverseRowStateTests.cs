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
/// What a row's state says about the timeline. Two contacts of one person merged in Dynamics: the subordinate row comes
/// back deactivated with <c>merged</c> and <c>_masterid_value</c>, and the two customers they made here become one.
/// Activities that did not happen yet or at all: a canceled call or meeting is not on the timeline (and leaves it once
/// canceled); a planned one is dated when it was planned until it happens.
/// </summary>
[Collection(ConnectorTestGroup.Name)]
public sealed class DataverseRowStateTests : IClassFixture<WireMockFixture>
{
    private const string Master = "49b0be2e-d01c-ed11-b83e-000d3a572421";
    private const string Subordinate = "70bf4d48-34cb-ed11-b596-0022481d68cd";
    private const string Meeting = "0d5a1a1e-1111-4a4a-9c9c-000000000011";
    private const string Call = "0d5a1a1e-1111-4a4a-9c9c-000000000012";
    private readonly WireMockServer server;

    public DataverseRowStateTests(WireMockFixture wireMock)
    {
        server = wireMock.Server;
        server.Reset();
    }

    [Fact]
    public async Task A_contact_merged_in_the_CRM_merges_its_customer_into_the_masters_keeping_the_masters_profile()
    {
        Contacts(
            Contact(Subordinate, "Ana Pop", "ana.pop@old-employer.example", "2024-05-01T10:00:00Z"),
            Contact(Master, "Ana Popescu", "ana@example.ro", "2024-05-02T10:00:00Z"));
        await using var api = new DataverseApiFactory(server.Url!);
        (await api.RunAsync()).Outcome.ShouldBe(SyncOutcome.Succeeded);
        (await api.WithDbAsync(db => db.Customers.CountAsync())).ShouldBe(2);

        server.Reset();
        var merged = Contact(Subordinate, "Ana Pop", "ana.pop@old-employer.example", "2024-05-03T10:00:00Z");
        merged["merged"] = true;
        merged["_masterid_value"] = Master;
        merged["statecode"] = 1;
        Contacts(Contact(Master, "Ana Popescu", "ana@example.ro", "2024-05-02T10:00:00Z"), merged);
        var run = await api.RunAsync();
        run.Outcome.ShouldBe(SyncOutcome.Succeeded, run.Error);

        var customer = await api.WithDbAsync(db => db.Customers.Include(c => c.Identities).SingleAsync());
        customer.DisplayName.ShouldBe("Ana Popescu", "the merged row carries keys only, not a profile");
        customer.PrimaryEmail.ShouldBe("ana@example.ro");
        customer.Identities.Where(i => i.Kind == IdentityKind.DataverseContactId).Select(i => i.Value).Order()
            .ShouldBe([Master, Subordinate]);
        customer.Identities.Where(i => i.Kind == IdentityKind.Email).Select(i => i.Value).Order()
            .ShouldBe(["ana.pop@old-employer.example", "ana@example.ro"]);
        var record = await api.WithDbAsync(db => db.MergeRecords.SingleAsync());
        record.MatchedKeyKind.ShouldBe(IdentityKind.DataverseContactId);
        var titles = await api.WithDbAsync(db => db.Events.OrderBy(e => e.OccurredAt).Select(e => e.Title).ToListAsync());
        titles.ShouldBe(["Contact created in the CRM", "Contact created in the CRM", "Contact merged into another in the CRM"]);
    }

    [Fact]
    public void A_merged_row_maps_to_its_keys_and_the_masters_id_without_a_profile()
    {
        var row = Contact(Subordinate, "Ana Pop", "ana.pop@old-employer.example", "2024-05-03T10:00:00Z");
        row["merged"] = true;
        row["_masterid_value"] = Master;

        var records = DataverseMapper.MapContact(JsonSerializer.SerializeToElement(row));

        var person = records[0].ShouldBeOfType<SourcePerson>();
        (person.DisplayName, person.Email, person.Phone, person.Company).ShouldBe((null, null, null, null));
        person.Keys.ShouldBe([
            new IdentityKey(IdentityKind.DataverseContactId, Subordinate),
            new IdentityKey(IdentityKind.Email, "ana.pop@old-employer.example"),
            new IdentityKey(IdentityKind.DataverseContactId, Master),
        ]);
        records[1].ShouldBeOfType<SourceEvent>().Title.ShouldBe("Contact merged into another in the CRM");

        row["_masterid_value"] = null;
        DataverseMapper.MapContact(JsonSerializer.SerializeToElement(row))[0].ShouldBeOfType<SourcePerson>().DisplayName
            .ShouldBe("Ana Pop", "merged without a readable master: an ordinary row");
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
        ["_regardingobjectid_value"] = Master,
        ["_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname"] = "contact",
        ["statecode"] = state,
        ["scheduledstart"] = "2024-05-03T08:00:00Z",
        ["createdon"] = "2024-05-02T10:00:00Z",
        ["modifiedon"] = modifiedOn,
        ["activity_pointer_activity_parties"] = Array.Empty<object>(),
    };

    /// <summary>One contact and these activities, no note.</summary>
    private void Listings(params object[] activities)
    {
        Listing("contacts", Contact(Master, "Ana Pop", "ana@example.ro", "2024-05-02T10:00:00Z"));
        Listing("activitypointers", activities);
        Listing("annotations");
    }

    private static Dictionary<string, object?> Contact(string id, string name, string email, string modifiedOn) => new()
    {
        ["contactid"] = id,
        ["fullname"] = name,
        ["emailaddress1"] = email,
        ["merged"] = false,
        ["_masterid_value"] = null,
        ["createdon"] = modifiedOn,
        ["modifiedon"] = modifiedOn,
    };

    /// <summary>The incremental reads: these contacts, no activity, no note (the watermark skips rows already read).</summary>
    private void Contacts(params object[] rows)
    {
        Listing("contacts", rows);
        Listing("activitypointers");
        Listing("annotations");
    }

    private void Listing(string entitySet, params object[] rows) => DataverseStubs.Listing(server, entitySet, rows);
}
