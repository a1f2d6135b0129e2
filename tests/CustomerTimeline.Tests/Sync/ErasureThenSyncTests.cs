using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;
using Microsoft.EntityFrameworkCore;
using static CustomerTimeline.Tests.Sync.Records;

namespace CustomerTimeline.Tests.Sync;

/// <summary>An erased person never comes back: later syncs skip every record carrying one of their keys.</summary>
public sealed class ErasureThenSyncTests
{
    [Fact]
    public async Task An_erased_customer_stays_absent_when_sources_send_them_again_and_the_audit_remains()
    {
        var connector = new ScriptedConnector(EventSource.Zendesk, "tickets")
            .Page(Ticket("t1", 1, "Cannot log in", Email("erin@example.com"), Zendesk("500")));
        using var api = new SyncApiFactory(connector) { RealSuppressionList = true };
        await api.RunAsync(EventSource.Zendesk);
        var erin = (await api.CustomersAsync()).Single();

        using var client = api.CreateGraphQLClient();
        var erased = await client.PostAsync("mutation($id: ID!) { eraseCustomer(id: $id) { request { status } } }",
            new { id = GlobalId.Encode(GlobalId.CustomerType, erin.Id) });
        erased.Errors.ShouldBeNull();

        // The vendor replays the old ticket with a newer version, and a new one by the same helpdesk user.
        connector.Page(Ticket("t1", 5, "Cannot log in (updated)", Email("  Erin@Example.com ")), Ticket("t9", 6, "Another question", Zendesk("500")));
        var rerun = await api.RunAsync(EventSource.Zendesk);

        rerun.Suppressed.ShouldBe(2);
        (await api.CustomersAsync()).ShouldBeEmpty();
        (await api.EventsAsync()).ShouldBeEmpty();
        var audit = await api.DbAsync(db => db.AuditEntries.Select(a => a.Operation).ToListAsync());
        audit.ShouldContain(AuditOperation.Erasure);
    }
}
