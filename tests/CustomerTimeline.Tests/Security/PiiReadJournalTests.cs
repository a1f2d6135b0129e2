using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Privacy;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerTimeline.Tests.Security;

/// <summary>PII reads reach the audit log through their journal: each once, in time order, before anyone looks.</summary>
public sealed class PiiReadJournalTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeApiFactory _factory = new();
    private long _aliceDbId;

    public async Task InitializeAsync()
    {
        await _factory.SeedAsync(SampleData.SeedAsync);
        _aliceDbId = await SampleData.CustomerIdAsync(_factory, SampleData.AliceEmail);
    }

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();

    [Fact]
    public async Task A_fold_moves_every_read_once_in_journal_order_across_chunks()
    {
        await JournalAsync(25);

        (await _factory.WithDbAsync(db => PiiReadJournal.FoldAsync(db, _factory.Services.GetRequiredService<SqliteWriteGate>(), chunkRows: 10, CancellationToken.None))).ShouldBe(25);

        var rows = await _factory.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Id).ToListAsync());
        rows.Count.ShouldBe(25);
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].OccurredAt.ShouldBe(Start.AddSeconds(i));
            rows[i].CustomerId.ShouldBe(_aliceDbId + i % 3);
            rows[i].ActorTenantId.ShouldBe(TestTokens.TenantId);
            rows[i].ActorObjectId.ShouldBe($"agent-{i}");
            rows[i].Operation.ShouldBe(AuditOperation.PiiRead);
            rows[i].Outcome.ShouldBe(AuditOutcome.Succeeded);
            rows[i].PrivacyRequestId.ShouldBeNull();
        }
        (await _factory.WithDbAsync(db => db.PiiReadJournal.CountAsync())).ShouldBe(0);
        (await _factory.WithDbAsync(db => PiiReadJournal.FoldAsync(db, _factory.Services.GetRequiredService<SqliteWriteGate>(), 10, CancellationToken.None))).ShouldBe(0);
        (await _factory.WithDbAsync(db => db.AuditEntries.CountAsync())).ShouldBe(25);
    }

    [Fact]
    public async Task The_writer_folds_the_journal_every_ten_seconds()
    {
        await JournalAsync(3);

        _factory.Time.Advance(PiiReadAuditWriter.FoldInterval - TimeSpan.FromSeconds(1));
        await Task.Delay(200);
        (await _factory.WithDbAsync(db => db.AuditEntries.CountAsync())).ShouldBe(0);

        _factory.Time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 200 && await _factory.WithDbAsync(db => db.AuditEntries.CountAsync()) < 3; i++)
            await Task.Delay(25);
        (await _factory.WithDbAsync(db => db.AuditEntries.CountAsync())).ShouldBe(3);
        (await _factory.WithDbAsync(db => db.PiiReadJournal.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Journaled_and_folded_reads_and_the_folds_are_measured()
    {
        using var meters = new MeterRecorder("customertimeline.audit.");

        using var agent = _factory.CreateGraphQLClient([TestTokens.Read, TestTokens.PiiRead]);
        await agent.QueryAsync("""{ customerByIdentity(email: "alice.martin@example.com") { phone } }""");
        await _factory.Services.GetRequiredService<PiiReadAuditWriter>().FlushAsync();

        // Other test classes run beside this one and share the meter: at least this test's read is in each figure.
        var measured = meters.Snapshot();
        measured.Where(m => m.Instrument == "customertimeline.audit.pii_reads" && m.Tag("stage") == "journaled").Sum(m => m.Value).ShouldBeGreaterThanOrEqualTo(1);
        measured.Where(m => m.Instrument == "customertimeline.audit.pii_reads" && m.Tag("stage") == "folded").Sum(m => m.Value).ShouldBeGreaterThanOrEqualTo(1);
        measured.ShouldContain(m => m.Instrument == "customertimeline.audit.fold.duration" && m.Tag("outcome") == "succeeded");
    }

    [Fact]
    public async Task Stopping_the_writer_writes_what_is_queued_and_folds_the_journal()
    {
        await JournalAsync(2);
        using var agent = _factory.CreateGraphQLClient([TestTokens.Read, TestTokens.PiiRead]);
        await agent.QueryAsync("""{ customerByIdentity(email: "alice.martin@example.com") { phone } }""");

        // What the host does when it stops (the fake clock never ticks the 10 s fold here).
        await _factory.Services.GetRequiredService<PiiReadAuditWriter>().StopAsync(CancellationToken.None);

        (await _factory.WithDbAsync(db => db.AuditEntries.CountAsync())).ShouldBe(3);
        (await _factory.WithDbAsync(db => db.PiiReadJournal.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Folds_at_the_same_time_audit_each_read_once()
    {
        await JournalAsync(200);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            _factory.WithDbAsync(db => PiiReadJournal.FoldAsync(db, _factory.Services.GetRequiredService<SqliteWriteGate>(), chunkRows: 7, CancellationToken.None)))));

        var times = await _factory.WithDbAsync(db => db.AuditEntries.Select(a => a.OccurredAt).ToListAsync());
        times.Count.ShouldBe(200);
        times.Distinct().Count().ShouldBe(200);
        (await _factory.WithDbAsync(db => db.PiiReadJournal.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Reads_waiting_in_the_journal_are_in_the_audit_log_when_it_is_read()
    {
        await JournalAsync(3);
        using var officer = _factory.CreateGraphQLClient([TestTokens.Read, TestTokens.PrivacyManage]);

        var nodes = (await officer.QueryAsync("{ auditEntries(first: 10, operation: PII_READ) { totalCount nodes { operation actorObjectId } } }"))
            ["auditEntries"]!;

        nodes["totalCount"]!.GetValue<int>().ShouldBe(3);
        nodes["nodes"]!.AsArray().Select(n => n!["actorObjectId"]!.GetValue<string>()).ShouldBe(["agent-2", "agent-1", "agent-0"]);
    }

    [Fact]
    public async Task A_read_is_in_the_audit_log_as_soon_as_its_answer_arrived()
    {
        using var agent = _factory.CreateGraphQLClient([TestTokens.Read, TestTokens.PiiRead]);
        using var officer = _factory.CreateGraphQLClient([TestTokens.Read, TestTokens.PrivacyManage]);
        const string Audit = "{ auditEntries(first: 10, operation: PII_READ) { totalCount nodes { customerId } } }";

        // Each read's row is still in the writer's queue (its batch window is 100 ms) when the log is read.
        for (var reads = 1; reads <= 3; reads++)
        {
            var alice = (await agent.QueryAsync("""{ customerByIdentity(email: "alice.martin@example.com") { id phone } }"""))["customerByIdentity"]!;
            var log = (await officer.QueryAsync(Audit))["auditEntries"]!;
            log["totalCount"]!.GetValue<int>().ShouldBe(reads);
            log["nodes"]!.AsArray().ShouldAllBe(n => n!["customerId"]!.GetValue<string>() == alice["id"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("eraseCustomer(id: $id) { alreadyErased }", AuditOperation.Erasure)]
    [InlineData("exportCustomer(id: $id) { document }", AuditOperation.Export)]
    public async Task A_privacy_operation_is_audited_after_the_reads_that_came_before_it(string mutation, AuditOperation operation)
    {
        using var agent = _factory.CreateGraphQLClient([TestTokens.Read, TestTokens.PiiRead]);
        var alice = (await agent.QueryAsync("""{ customerByIdentity(email: "alice.martin@example.com") { id phone } }"""))["customerByIdentity"]!;

        using var officer = _factory.CreateGraphQLClient([TestTokens.Read, TestTokens.Write, TestTokens.PrivacyManage]);
        await officer.QueryAsync($"mutation($id: ID!) {{ {mutation} }}", new { id = alice["id"]!.GetValue<string>() });

        var log = await _factory.WithDbAsync(db => db.AuditEntries.Where(a => a.CustomerId == _aliceDbId).OrderBy(a => a.Id)
            .Select(a => a.Operation).ToListAsync());
        log.ShouldBe([AuditOperation.PiiRead, operation]);
    }

    // Reads as the writer journals them: 1 s apart, three customers in turn, one agent each.
    private Task<int> JournalAsync(int count) => _factory.WithDbAsync(async db =>
    {
        db.PiiReadJournal.AddRange(Enumerable.Range(0, count).Select(i => new PiiReadJournalEntry
        {
            OccurredAt = Start.AddSeconds(i),
            ActorTenantId = TestTokens.TenantId,
            ActorObjectId = $"agent-{i}",
            CustomerId = _aliceDbId + i % 3,
        }));
        return await db.SaveChangesAsync();
    });

    /// <summary>The API with a clock the test moves: the fold's timer ticks only when told.</summary>
    private sealed class FakeTimeApiFactory : TimelineApiFactory
    {
        public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
        }
    }
}
