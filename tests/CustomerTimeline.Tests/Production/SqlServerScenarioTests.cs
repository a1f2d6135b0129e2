using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Api.Journey;
using CustomerTimeline.Api.Privacy;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Api.Security;
using CustomerTimeline.Api.Sources;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Production;

/// <summary>The timeline, sync and privacy scenarios on the production provider.</summary>
public sealed class SqlServerScenarioTests(SqlServerFixture fixture) : IClassFixture<SqlServerFixture>
{
    private SqlServerFixture.SqlServerApiFactory Api => fixture.Factory!;

    [SqlServerFact]
    public async Task Timeline_pages_newest_first_without_gaps_on_sql_server()
    {
        using var client = Api.CreateGraphQLClient();
        var id = (await client.QueryAsync("""{ customerByIdentity(email: "alice.martin@example.com") { id } }"""))["customerByIdentity"]!["id"]!.GetValue<string>();
        var seen = new List<string>();
        string? after = null;
        for (var i = 0; i < 10; i++)
        {
            var page = (await client.QueryAsync("""
                query($id: ID!, $after: String) { customer(id: $id) { timeline(first: 5, after: $after) {
                  pageInfo { hasNextPage endCursor } nodes { sourceRecordId } } } }
                """, new { id, after }))["customer"]!["timeline"]!;
            seen.AddRange(page["nodes"]!.AsArray().Select(n => n!["sourceRecordId"]!.GetValue<string>()));
            if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>()) break;
            after = page["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
        seen.Count.ShouldBe(12);
        seen.Distinct().Count().ShouldBe(12);
        seen[0].ShouldBe("note-1");
    }

    [SqlServerFact]
    public async Task A_page_of_source_records_is_written_once_and_merges_identities_on_sql_server()
    {
        var at = SampleData.T0.AddDays(50);
        SourceRecord[] page =
        [
            new SourcePerson("user-1", at, [new IdentityKey(IdentityKind.ZendeskUserId, "777"), new IdentityKey(IdentityKind.Email, "ALICE.MARTIN@example.com")],
                "Alice Martin", "alice.martin@example.com", null, "Contoso"),
            new SourceEvent("ticket-sql-1", at, [new IdentityKey(IdentityKind.ZendeskUserId, "777")], EventKind.Ticket, at, Channel.Helpdesk,
                "Export broken", "Export broken", new TicketDetails("Export broken", "open", "high", "incident", ["export"], "It fails", null)),
        ];
        for (var run = 0; run < 2; run++)
        {
            await using var scope = Api.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SourcePageWriter>().WriteAsync(EventSource.Zendesk, "tickets", page, null, CancellationToken.None);
        }
        var events = await Api.WithDbAsync(db => db.Events.Where(e => e.SourceRecordId == "ticket-sql-1").ToListAsync());
        events.Count.ShouldBe(1);
        var alice = await Api.WithDbAsync(db => db.Identities.Where(i => i.Value == SampleData.AliceEmail).Select(i => i.CustomerId).SingleAsync());
        events[0].CustomerId.ShouldBe(alice);
        // The event went in through the prepared INSERT … OUTPUT INSERTED, its insights through the prepared UPDATE and
        // the customer's aggregates through prepared INSERTs: the provider-specific SQL of RowCommand.
        events[0].Intents.ShouldNotBeNull();
        events[0].StageKey.ShouldNotBeNull();
        (await Api.WithDbAsync(db => db.CustomerSummaries().Where(s => s.CustomerId == alice).Select(s => s.EventCount).SingleAsync()))
            .ShouldBeGreaterThan(0);
        (await Api.WithDbAsync(db => db.CustomerJourneyStages().CountAsync(s => s.CustomerId == alice))).ShouldBeGreaterThan(0);
    }

    [SqlServerFact]
    public async Task A_refresh_computed_before_the_write_lock_checks_and_moves_the_versions_on_sql_server()
    {
        var alice = await Api.WithDbAsync(db => db.Identities.Where(i => i.Value == SampleData.AliceEmail).Select(i => i.CustomerId).SingleAsync());
        var before = await Api.WithDbAsync(db => db.Customers.Where(c => c.Id == alice).Select(c => c.InsightsVersion).SingleAsync());
        await Api.WithDbAsync(db => CustomerInsights.MarkStaleAsync(db, [alice], CancellationToken.None));
        await using (var scope = Api.Services.CreateAsyncScope())
        {
            // No transaction open: computed first, then written after bumping and reading back the version (OPENJSON lists).
            var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
            (await scope.ServiceProvider.GetRequiredService<CustomerInsights>().RefreshAsync(db, [alice], CancellationToken.None)).ShouldBe(1);
        }
        (await Api.WithDbAsync(db => db.CustomerSummaries().Where(s => s.CustomerId == alice).Select(s => s.MapVersion).SingleAsync()))
            .ShouldBeGreaterThan(0);
        // The stale mark and the refresh's own write (the background worker may add its own).
        (await Api.WithDbAsync(db => db.Customers.Where(c => c.Id == alice).Select(c => c.InsightsVersion).SingleAsync()))
            .ShouldBeGreaterThanOrEqualTo(before + 2);
    }

    [SqlServerFact]
    public async Task Erasure_removes_the_person_and_keeps_the_audit_on_sql_server()
    {
        using var client = Api.CreateGraphQLClient();
        var id = (await client.QueryAsync("""{ customerByIdentity(email: "carol@example.org") { id } }"""))["customerByIdentity"]!["id"]!.GetValue<string>();
        var erased = await client.PostAsync("mutation($id: ID!) { eraseCustomer(id: $id) { request { status } } }", new { id });
        erased.Errors.ShouldBeNull();
        (await client.QueryAsync("""{ customerByIdentity(email: "carol@example.org") { id } }"""))["customerByIdentity"].ShouldBeNull();
        (await Api.WithDbAsync(db => db.AuditEntries.CountAsync())).ShouldBeGreaterThan(0);
    }

    [SqlServerFact]
    public async Task An_erasure_waits_for_a_sync_page_in_flight_and_suppresses_the_key_it_linked_on_sql_server()
    {
        // A person of its own, so the fixture's other scenarios keep theirs.
        var at = SampleData.T0.AddDays(70);
        SourceRecord[] person =
        [
            new SourcePerson("lock-user-1", at, [new IdentityKey(IdentityKind.ZendeskUserId, "9901"), new IdentityKey(IdentityKind.Email, "lock.test@example.com")],
                "Lock Test", "lock.test@example.com", null, null),
        ];
        await using (var scope = Api.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SourcePageWriter>().WriteAsync(EventSource.Zendesk, "users", person, null, CancellationToken.None);
        var customerId = await Api.WithDbAsync(db => db.Identities.Where(i => i.Value == "lock.test@example.com").Select(i => i.CustomerId).SingleAsync());

        // A page's transaction between its suppression check and its commit, as SourcePageWriter holds it (in the
        // execution strategy: the provider retries on transient faults, and owns the transactions it may replay).
        await using var pageScope = Api.Services.CreateAsyncScope();
        var pageDb = pageScope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        using var officer = Api.CreateGraphQLClient();
        Task<GraphQLResponse>? erasure = null;
        await pageDb.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var page = await pageDb.Database.BeginTransactionAsync();
            await SuppressionLock.ForPageAsync(pageDb, CancellationToken.None);

            erasure ??= officer.PostAsync("mutation($id: ID!) { eraseCustomer(id: $id) { request { status } } }",
                new { id = GlobalId.Encode(GlobalId.CustomerType, customerId) });
            await Task.Delay(TimeSpan.FromSeconds(1));
            erasure.IsCompleted.ShouldBeFalse("the erasure must wait for the page's transaction");

            // The page links a key the erasure has not read yet; the erasure, after the page's commit, suppresses it too.
            pageDb.ChangeTracker.Clear();
            pageDb.Identities.Add(new CustomerIdentity
            {
                CustomerId = customerId, Kind = IdentityKind.Phone, Value = "+15550109901", Source = EventSource.Zendesk, FirstSeenAt = at,
            });
            await pageDb.SaveChangesAsync();
            await page.CommitAsync();
        });

        (await erasure!).Errors.ShouldBeNull();
        var phoneHash = SuppressionList.Hash(IdentityKind.Phone, "+15550109901");
        (await Api.WithDbAsync(db => db.SuppressedIdentities.CountAsync(s => s.ValueHash == phoneHash))).ShouldBe(1);
        (await Api.WithDbAsync(db => db.Customers.CountAsync(c => c.Id == customerId))).ShouldBe(0);
        (await Api.WithDbAsync(db => db.Identities.CountAsync(i => i.CustomerId == customerId))).ShouldBe(0);
    }

    [SqlServerFact]
    public async Task Pii_reads_are_folded_into_the_audit_log_once_on_sql_server()
    {
        var at = SampleData.T0.AddDays(60);
        await Api.WithDbAsync(async db =>
        {
            db.PiiReadJournal.AddRange(Enumerable.Range(0, 30).Select(i => new PiiReadJournalEntry
            {
                OccurredAt = at.AddSeconds(i), ActorTenantId = "sql-server-test", ActorObjectId = $"agent-{i}", CustomerId = 1,
            }));
            return await db.SaveChangesAsync();
        });

        // Chunks of 7 and two folds at once: the provider-neutral INSERT … SELECT and the delete count check.
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            Api.WithDbAsync(db => PiiReadJournal.FoldAsync(db, Api.Services.GetRequiredService<SqliteWriteGate>(), chunkRows: 7, CancellationToken.None)))));

        var rows = await Api.WithDbAsync(db => db.AuditEntries.Where(a => a.ActorTenantId == "sql-server-test").OrderBy(a => a.Id).ToListAsync());
        rows.Select(r => r.ActorObjectId).ShouldBe(Enumerable.Range(0, 30).Select(i => $"agent-{i}"));
        rows.ShouldAllBe(r => r.Operation == AuditOperation.PiiRead && r.Outcome == AuditOutcome.Succeeded);
        rows[0].OccurredAt.ShouldBe(at);
        (await Api.WithDbAsync(db => db.PiiReadJournal.CountAsync())).ShouldBe(0);
    }

    [SqlServerFact]
    public async Task Rate_limit_reservations_stop_at_the_limit_on_sql_server()
    {
        var store = Api.Services.GetRequiredService<SharedRateLimitStore>();
        var grants = new List<int?>();
        for (var i = 0; i < 4; i++)
            grants.Add(await store.TryReserveAsync("sql-server-test/caller", 1_800_000_000, 60, limit: 5, want: 2, CancellationToken.None));
        grants.ShouldBe([2, 2, 1, 0]);
        (await Api.WithDbAsync(db => db.RateLimitWindows.SingleAsync(w => w.PartitionKey == "sql-server-test/caller"))).Count.ShouldBe(5);
    }

    [SqlServerFact]
    public async Task The_sources_reads_are_compiled_queries_that_answer_on_sql_server()
    {
        var now = DateTimeOffset.UtcNow;
        var letter = "sql-server-sources-" + Guid.NewGuid().ToString("N");
        await Api.WithDbAsync(async db =>
        {
            await db.SyncLeases.Where(l => l.Source == EventSource.Typeform).ExecuteDeleteAsync();
            db.SyncLeases.Add(new SyncLease { Source = EventSource.Typeform, Owner = "sql-server-test", AcquiredAt = now, ExpiresAt = now.AddMinutes(5) });
            db.SyncStates.Add(new SyncState { Source = EventSource.Typeform, Stream = letter, Status = SyncStatus.Succeeded });
            db.DeadLetters.Add(new DeadLetter
            {
                Source = EventSource.Typeform, Stream = letter, RecordId = letter, Reason = "unreadable", Payload = "{}",
                FirstSeenAt = now, LastSeenAt = now, Attempts = 1,
            });
            return await db.SaveChangesAsync();
        });

        var (states, held, open) = await Api.WithDbAsync(db => SourceQueries.CompiledReadsAsync(db, now, CancellationToken.None));
        states.ShouldContain(s => s.Source == EventSource.Typeform && s.Stream == letter);
        held.ShouldContain(EventSource.Typeform);
        open[EventSource.Typeform].ShouldBe(await Api.WithDbAsync(db => db.DeadLetters.CountAsync(d => d.Source == EventSource.Typeform && !d.Resolved)));
        (await Api.WithDbAsync(db => SyncLeases.HeldAsync(db, now.AddMinutes(10), CancellationToken.None))).ShouldNotContain(EventSource.Typeform);
    }
}
