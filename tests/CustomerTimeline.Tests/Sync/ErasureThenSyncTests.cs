using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Privacy;
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

    [Fact]
    public async Task An_erasure_committed_while_a_page_is_being_prepared_keeps_that_page_from_bringing_the_person_back()
    {
        var connector = new ScriptedConnector(EventSource.Zendesk, "tickets")
            .Page(Ticket("t1", 1, "Cannot log in", Email("erin@example.com"), Zendesk("500")))
            .Page(Ticket("t2", 2, "Still cannot log in", Email("erin@example.com")));
        Func<Task>? betweenLookupAndWrite = null;
        var calls = 0;
        using var api = new SyncApiFactory(connector)
        {
            RealSuppressionList = true,
            DecorateSuppressionList = inner => new AfterLookup(inner, async () =>
            {
                // The second page's look-up: the erasure commits after it and before the page's transaction.
                if (Interlocked.Increment(ref calls) == 2 && betweenLookupAndWrite is { } act) await act();
            }),
        };
        using var client = api.CreateGraphQLClient();
        betweenLookupAndWrite = async () =>
        {
            var erin = (await api.CustomersAsync()).Single();
            var erased = await client.PostAsync("mutation($id: ID!) { eraseCustomer(id: $id) { request { status } } }",
                new { id = GlobalId.Encode(GlobalId.CustomerType, erin.Id) });
            erased.Errors.ShouldBeNull();
        };

        var run = await api.RunAsync(EventSource.Zendesk);

        calls.ShouldBeGreaterThanOrEqualTo(2);
        run.Suppressed.ShouldBe(1);
        (await api.CustomersAsync()).ShouldBeEmpty();
        (await api.EventsAsync()).ShouldBeEmpty();
        (await api.DbAsync(db => db.Identities.CountAsync())).ShouldBe(0);
    }

    private sealed class AfterLookup(ISuppressionList inner, Func<Task> after) : ISuppressionList
    {
        public Task<bool> IsSuppressedAsync(IdentityKind kind, string normalizedValue, CancellationToken cancellationToken = default) =>
            inner.IsSuppressedAsync(kind, normalizedValue, cancellationToken);

        public async Task<IReadOnlySet<NormalizedKey>> FindSuppressedAsync(IEnumerable<NormalizedKey> keys, CancellationToken cancellationToken = default)
        {
            var found = await inner.FindSuppressedAsync(keys, cancellationToken);
            await after();
            return found;
        }

        public Task<long> VersionAsync(CancellationToken cancellationToken = default) => inner.VersionAsync(cancellationToken);
    }
}
