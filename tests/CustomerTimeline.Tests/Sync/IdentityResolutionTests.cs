using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;
using Microsoft.EntityFrameworkCore;
using static CustomerTimeline.Tests.Sync.Records;

namespace CustomerTimeline.Tests.Sync;

public sealed class IdentityResolutionTests
{
    private static async Task<List<(IdentityKind Kind, string Value, long CustomerId)>> IdentitiesAsync(SyncApiFactory api) =>
        (await api.DbAsync(db => db.Identities.OrderBy(i => i.Kind).ThenBy(i => i.Value).ToListAsync()))
        .Select(i => (i.Kind, i.Value, i.CustomerId)).ToList();

    [Fact]
    public async Task Emails_differing_in_case_and_spacing_resolve_to_one_customer()
    {
        var crm = new ScriptedConnector(EventSource.Dataverse, "contacts")
            .Page(Person("c1", 1, "Ann Lee", "  Ann.Lee@Example.COM ", null, "Contoso", Contact("C0FFEE00-0000-4000-8000-000000000001")));
        var helpdesk = new ScriptedConnector(EventSource.Zendesk, "tickets")
            .Page(Ticket("t1", 2, "Help", Email("ann.lee@example.com"), Zendesk("501")));
        using var api = new SyncApiFactory(crm, helpdesk);

        await api.RunAsync(EventSource.Dataverse);
        await api.RunAsync(EventSource.Zendesk);

        var customer = (await api.CustomersAsync()).ShouldHaveSingleItem();
        customer.DisplayName.ShouldBe("Ann Lee");
        customer.PrimaryEmail.ShouldBe("ann.lee@example.com");
        customer.Company.ShouldBe("Contoso");
        (await IdentitiesAsync(api)).ShouldBe([
            (IdentityKind.Email, "ann.lee@example.com", customer.Id),
            (IdentityKind.DataverseContactId, "c0ffee00-0000-4000-8000-000000000001", customer.Id),
            (IdentityKind.ZendeskUserId, "501", customer.Id),
        ], ignoreOrder: true);
        (await api.EventsAsync()).ShouldHaveSingleItem().CustomerId.ShouldBe(customer.Id);
    }

    [Fact]
    public async Task Phones_in_different_formats_resolve_to_one_customer()
    {
        var crm = new ScriptedConnector(EventSource.Dataverse, "contacts")
            .Page(Person("c1", 1, "Ann Lee", null, "+1 415-555-0101", null, Contact("c1")));
        var helpdesk = new ScriptedConnector(EventSource.Zendesk, "tickets")
            .Page(Ticket("t1", 2, "Call me", Phone("(415) 555 0101")), Ticket("t2", 3, "Again", Phone("415.555.0101")));
        using var api = new SyncApiFactory(crm, helpdesk);

        await api.RunAsync(EventSource.Dataverse);
        await api.RunAsync(EventSource.Zendesk);

        var customer = (await api.CustomersAsync()).ShouldHaveSingleItem();
        customer.Phone.ShouldBe("+14155550101");
        (await api.EventsAsync()).ShouldAllBe(e => e.CustomerId == customer.Id);
    }

    [Fact]
    public async Task A_phone_two_CRM_contacts_share_links_neither_to_the_other_but_still_links_the_helpdesk()
    {
        // A company's switchboard as two contacts' business phone: two people in the CRM, so two customers here.
        var crm = new ScriptedConnector(EventSource.Dataverse, "contacts")
            .Page(Person("c1", 1, "Ann Lee", "ann@contoso.example", "+40 21 300 0000", "Contoso", Contact("c1")))
            .Page(Person("c2", 2, "Bob Stan", "bob@contoso.example", "+40 (21) 300-0000", "Contoso", Contact("c2")),
                Person("c3", 3, "Cem Ay", "cem@contoso.example", "+40213000000", "Contoso", Contact("c3")));
        // The same number on one helpdesk user (no contact id of its own): it still finds the customer who has it.
        var helpdesk = new ScriptedConnector(EventSource.Zendesk, "users")
            .Page(Person("u7", 4, "Ann L.", null, "+40 21 300 0000", null, Zendesk("7")));
        using var api = new SyncApiFactory(crm, helpdesk);

        await api.RunAsync(EventSource.Dataverse);
        await api.RunAsync(EventSource.Zendesk);

        var customers = await api.CustomersAsync();
        customers.Select(c => c.PrimaryEmail).ShouldBe(["ann@contoso.example", "bob@contoso.example", "cem@contoso.example"]);
        customers.ShouldAllBe(c => c.Phone == "+40213000000", "each contact's profile keeps its phone");
        var identities = await IdentitiesAsync(api);
        identities.Where(i => i.Kind == IdentityKind.Phone).ShouldHaveSingleItem().CustomerId.ShouldBe(customers[0].Id);
        identities.Single(i => i.Kind == IdentityKind.ZendeskUserId).CustomerId.ShouldBe(customers[0].Id);
        (await api.DbAsync(db => db.MergeRecords.CountAsync())).ShouldBe(0);

        // Looked up by that number (a call from the switchboard), it names none of the three, and lists them all.
        using var client = api.CreateGraphQLClient();
        const string ByPhone = "query($phone: String!) { customerByIdentity(phone: $phone) { id displayName } }";
        var shared = await client.PostAsync(ByPhone, new { phone = "+40 21 300 0000" });
        shared.Data!["customerByIdentity"].ShouldBeNull();
        shared.FirstErrorCode.ShouldBe("AMBIGUOUS_IDENTITY");
        shared.FirstErrorMessage.ShouldStartWith("3 customers share this phone number");
        shared.Errors![0]!["extensions"]!["customerIds"]!.AsArray().Select(n => n!.GetValue<string>())
            .ShouldBe(customers.Select(c => GlobalId.Encode(GlobalId.CustomerType, c.Id)));
        // Another key still finds the one caller; a phone only one customer carries still answers it.
        (await client.QueryAsync("{ customerByIdentity(email: \"bob@contoso.example\") { displayName } }"))["customerByIdentity"]!["displayName"]!
            .GetValue<string>().ShouldBe("Bob Stan");
        await api.DbAsync(db => db.Customers.Where(c => c.Id != customers[0].Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Phone, (string?)null)));
        (await client.QueryAsync(ByPhone, new { phone = "+40213000000" }))["customerByIdentity"]!["id"]!.GetValue<string>()
            .ShouldBe(GlobalId.Encode(GlobalId.CustomerType, customers[0].Id));
    }

    [Fact]
    public async Task Two_helpdesk_users_on_one_phone_stay_two_customers_in_one_page()
    {
        var helpdesk = new ScriptedConnector(EventSource.Zendesk, "users")
            .Page(Person("u1", 1, "Ana Pop", "ana@example.ro", "+40 722 000 111", null, Zendesk("1")),
                Person("u2", 2, "Ion Pop", "ion@example.ro", "+40722000111", null, Zendesk("2")));
        using var api = new SyncApiFactory(helpdesk);

        await api.RunAsync(EventSource.Zendesk);

        (await api.CustomersAsync()).Select(c => c.DisplayName).ShouldBe(["Ana Pop", "Ion Pop"]);
    }

    [Fact]
    public async Task A_record_linking_two_customers_merges_them_into_the_oldest_and_records_why()
    {
        var helpdesk = TwoTicketsOfOnePerson();
        using var api = new SyncApiFactory(helpdesk);
        await api.RunAsync(EventSource.Zendesk);
        var before = await api.CustomersAsync();
        before.Count.ShouldBe(2);
        var (oldest, newer) = (before[0], before[1]);

        api.Time.Advance(TimeSpan.FromHours(1));
        helpdesk.Page("users", LinkingUser());
        var result = await api.RunAsync(EventSource.Zendesk);

        result.Outcome.ShouldBe(SyncOutcome.Succeeded);
        var survivor = (await api.CustomersAsync()).ShouldHaveSingleItem();
        survivor.Id.ShouldBe(oldest.Id);
        survivor.DisplayName.ShouldBe("Ann Lee");
        (await api.EventsAsync()).ShouldAllBe(e => e.CustomerId == oldest.Id);
        (await IdentitiesAsync(api)).ShouldAllBe(i => i.CustomerId == oldest.Id);

        var merge = (await api.DbAsync(db => db.MergeRecords.ToListAsync())).ShouldHaveSingleItem();
        merge.SurvivorCustomerId.ShouldBe(oldest.Id);
        merge.MergedCustomerId.ShouldBe(newer.Id);
        merge.MatchedKeyKind.ShouldBe(IdentityKind.ZendeskUserId);
        merge.SurvivorKeyKind.ShouldBe(IdentityKind.Email);
        merge.SurvivorKeyMasked.ShouldBe("a***@e***.com");
        merge.Source.ShouldBe(EventSource.Zendesk);
        merge.RecordId.ShouldBe("u42");
        merge.MergedAt.ShouldBe(api.Time.GetUtcNow());

        // Replaying the linking record changes nothing.
        await api.DbAsync(db => db.SyncStates.Where(s => s.Stream == "users")
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Cursor, (string?)null)));
        (await api.RunAsync(EventSource.Zendesk)).DuplicatesSkipped.ShouldBe(1);
        (await api.DbAsync(db => db.MergeRecords.CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task An_anonymous_visitor_joins_a_known_customer_and_brings_earlier_visits()
    {
        var web = new ScriptedConnector(EventSource.Matomo, "visits")
            .Page(Visit("v1", 1, "aaaa1111bbbb2222"), Visit("v2", 2, "aaaa1111bbbb2222"));
        var crm = new ScriptedConnector(EventSource.Dataverse, "contacts")
            .Page(Person("c1", 3, "Ann Lee", "ann@example.com", null, null, Contact("c1")));
        using var api = new SyncApiFactory(web, crm);

        await api.RunAsync(EventSource.Matomo);
        var visitor = (await api.CustomersAsync()).ShouldHaveSingleItem();
        visitor.IsAnonymous.ShouldBeTrue();
        api.Time.Advance(TimeSpan.FromMinutes(5));
        await api.RunAsync(EventSource.Dataverse);
        var known = (await api.CustomersAsync()).Single(c => !c.IsAnonymous);

        web.Page(Visit("v3", 4, "aaaa1111bbbb2222", userId: "Ann@Example.com"));
        await api.RunAsync(EventSource.Matomo);

        // The known customer survives even though the visitor is older.
        var customer = (await api.CustomersAsync()).ShouldHaveSingleItem();
        customer.Id.ShouldBe(known.Id);
        customer.IsAnonymous.ShouldBeFalse();
        customer.DisplayName.ShouldBe("Ann Lee");
        (await api.EventsAsync()).Select(e => (e.SourceRecordId, e.CustomerId))
            .ShouldBe([("v1", known.Id), ("v2", known.Id), ("v3", known.Id)]);
        var merge = (await api.DbAsync(db => db.MergeRecords.ToListAsync())).ShouldHaveSingleItem();
        merge.MergedCustomerId.ShouldBe(visitor.Id);
        merge.MatchedKeyKind.ShouldBe(IdentityKind.MatomoVisitorId);
        merge.SurvivorKeyKind.ShouldBe(IdentityKind.Email);
        (await IdentitiesAsync(api)).Select(i => i.Kind).ShouldBe(
            [IdentityKind.Email, IdentityKind.DataverseContactId, IdentityKind.MatomoVisitorId, IdentityKind.MatomoUserId], ignoreOrder: true);
    }

    [Fact]
    public async Task A_customer_a_page_creates_absorbs_an_older_anonymous_visitor_in_the_same_page()
    {
        var web = new ScriptedConnector(EventSource.Matomo, "visits").Page(Visit("v1", 1, "aaaa1111bbbb2222"));
        var helpdesk = new ScriptedConnector(EventSource.Zendesk, "tickets")
            .Page(Person("u7", 2, "Ann Lee", "ann@example.com", "+1 415-555-0101", "Contoso", Zendesk("7")),
                Ticket("t1", 3, "Help", Zendesk("7"), Visitor("aaaa1111bbbb2222")));
        using var api = new SyncApiFactory(web, helpdesk);
        await api.RunAsync(EventSource.Matomo);
        var visitor = (await api.CustomersAsync()).ShouldHaveSingleItem();

        (await api.RunAsync(EventSource.Zendesk)).Outcome.ShouldBe(SyncOutcome.Succeeded);

        // The new customer is known, so it survives the older visitor; both its keys and the visit follow it.
        var customer = (await api.CustomersAsync()).ShouldHaveSingleItem();
        customer.Id.ShouldNotBe(visitor.Id);
        (customer.DisplayName, customer.PrimaryEmail, customer.Phone, customer.Company, customer.IsAnonymous)
            .ShouldBe(("Ann Lee", "ann@example.com", "+14155550101", "Contoso", false));
        customer.SearchText.ShouldBe("contoso¦ann lee ann@example.com");
        (await IdentitiesAsync(api)).ShouldBe([
            (IdentityKind.Email, "ann@example.com", customer.Id),
            (IdentityKind.Phone, "+14155550101", customer.Id),
            (IdentityKind.ZendeskUserId, "7", customer.Id),
            (IdentityKind.MatomoVisitorId, "aaaa1111bbbb2222", customer.Id),
        ], ignoreOrder: true);
        (await api.EventsAsync()).Select(e => (e.SourceRecordId, e.CustomerId)).ShouldBe([("v1", customer.Id), ("t1", customer.Id)], ignoreOrder: true);
        var merge = (await api.DbAsync(db => db.MergeRecords.ToListAsync())).ShouldHaveSingleItem();
        (merge.SurvivorCustomerId, merge.MergedCustomerId, merge.MatchedKeyKind).ShouldBe((customer.Id, visitor.Id, IdentityKind.MatomoVisitorId));
    }

    [Fact]
    public async Task Three_customers_linked_by_one_record_merge_into_the_oldest()
    {
        var helpdesk = new ScriptedConnector(EventSource.Zendesk, "tickets")
            .Page("tickets", Ticket("t1", 1, "By email", Email("ann@example.com")));
        using var api = new SyncApiFactory(helpdesk);
        await api.RunAsync(EventSource.Zendesk);
        api.Time.Advance(TimeSpan.FromMinutes(1));
        helpdesk.Page("tickets", Ticket("t2", 2, "By phone", Phone("+33 6 12 34 56 78")));
        await api.RunAsync(EventSource.Zendesk);
        api.Time.Advance(TimeSpan.FromMinutes(1));
        helpdesk.Page("tickets", Ticket("t3", 3, "By user id", Zendesk("7")));
        await api.RunAsync(EventSource.Zendesk);
        var three = await api.CustomersAsync();
        three.Count.ShouldBe(3);

        helpdesk.Page("tickets", Ticket("t4", 4, "All of them", Zendesk("7"), Phone("+33612345678"), Email("ann@example.com")));
        await api.RunAsync(EventSource.Zendesk);

        var survivor = (await api.CustomersAsync()).ShouldHaveSingleItem();
        survivor.Id.ShouldBe(three[0].Id);
        survivor.PrimaryEmail.ShouldBe("ann@example.com");
        survivor.Phone.ShouldBe("+33612345678");
        (await api.EventsAsync()).ShouldAllBe(e => e.CustomerId == survivor.Id);
        var merges = await api.DbAsync(db => db.MergeRecords.OrderBy(m => m.MergedCustomerId).ToListAsync());
        merges.Select(m => (m.SurvivorCustomerId, m.MergedCustomerId, m.MatchedKeyKind, m.SurvivorKeyKind, m.RecordId)).ShouldBe([
            (survivor.Id, three[1].Id, IdentityKind.Phone, IdentityKind.Email, "t4"),
            (survivor.Id, three[2].Id, IdentityKind.ZendeskUserId, IdentityKind.Email, "t4"),
        ]);
    }

    [Fact]
    public async Task Merge_history_follows_a_survivor_that_is_merged_in_turn()
    {
        var helpdesk = new ScriptedConnector(EventSource.Zendesk, "tickets")
            .Page(Ticket("t1", 1, "A", Email("a@example.com")));
        using var api = new SyncApiFactory(helpdesk);
        await api.RunAsync(EventSource.Zendesk);
        api.Time.Advance(TimeSpan.FromMinutes(1));
        helpdesk.Page(Ticket("t2", 2, "B", Zendesk("2")));
        await api.RunAsync(EventSource.Zendesk);
        api.Time.Advance(TimeSpan.FromMinutes(1));
        helpdesk.Page(Ticket("t3", 3, "C", Zendesk("3")));
        await api.RunAsync(EventSource.Zendesk);
        var ids = (await api.CustomersAsync()).Select(c => c.Id).ToList();

        // B is older than C, so C folds into B; then B folds into A, and C's history goes with it.
        helpdesk.Page(Ticket("t4", 4, "B+C", Zendesk("2"), Zendesk("3")));
        await api.RunAsync(EventSource.Zendesk);
        helpdesk.Page(Ticket("t5", 5, "A+B", Email("a@example.com"), Zendesk("2")));
        await api.RunAsync(EventSource.Zendesk);

        (await api.CustomersAsync()).ShouldHaveSingleItem().Id.ShouldBe(ids[0]);
        var merges = await api.DbAsync(db => db.MergeRecords.OrderBy(m => m.Id).ToListAsync());
        merges.Select(m => (m.SurvivorCustomerId, m.MergedCustomerId)).ShouldBe([(ids[0], ids[2]), (ids[0], ids[1])]);
    }

    [Fact]
    public async Task Customers_created_and_linked_within_one_page_become_one_without_a_merge_record()
    {
        var helpdesk = new ScriptedConnector(EventSource.Zendesk, "tickets")
            .Page(Ticket("t1", 1, "By email", Email("ann@example.com")),
                Ticket("t2", 2, "By phone", Phone("+14155550101")),
                Ticket("t3", 3, "Both", Email("ann@example.com"), Phone("+14155550101")));
        using var api = new SyncApiFactory(helpdesk);

        await api.RunAsync(EventSource.Zendesk);

        var customer = (await api.CustomersAsync()).ShouldHaveSingleItem();
        (await api.EventsAsync()).ShouldAllBe(e => e.CustomerId == customer.Id);
        (await api.DbAsync(db => db.MergeRecords.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Older_profile_data_never_overwrites_newer_but_fills_gaps()
    {
        var crm = new ScriptedConnector(EventSource.Dataverse, "contacts")
            .Page(Person("c1", 10, "Ann Lee-Smith", "ann@example.com", null, null, Contact("c1")))
            .Page(Person("c1", 5, "Ann Lee", "ann@example.com", "+14155550101", "Contoso", Contact("c1")));
        using var api = new SyncApiFactory(crm);

        await api.RunAsync(EventSource.Dataverse);

        var customer = (await api.CustomersAsync()).ShouldHaveSingleItem();
        customer.DisplayName.ShouldBe("Ann Lee-Smith");
        customer.Company.ShouldBe("Contoso");
        customer.Phone.ShouldBe("+14155550101");
        customer.ProfileUpdatedAt.ShouldBe(T0.AddMinutes(10));

        crm.Page(Person("c1", 20, "Ann Smith", "ann@example.com", null, "Fabrikam", Contact("c1")));
        await api.RunAsync(EventSource.Dataverse);
        customer = (await api.CustomersAsync()).ShouldHaveSingleItem();
        customer.DisplayName.ShouldBe("Ann Smith");
        customer.Company.ShouldBe("Fabrikam");
    }
}
