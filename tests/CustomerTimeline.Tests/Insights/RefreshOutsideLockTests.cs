using System.Data.Common;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Generator;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Api.Journey;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerTimeline.Tests.Insights;

/// <summary>
/// A refresh outside any transaction (a sync run's) reads and computes before it takes the write lock, so pages of
/// other sources commit meanwhile; a customer such a commit changed is not written from what was read before it, but
/// computed again.
/// </summary>
public sealed class RefreshOutsideLockTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = GeneratorOptions.DefaultNow;
    private readonly WriteHookFactory _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_customer_changed_while_computed_is_computed_again_and_the_others_are_written_as_computed()
    {
        _ = _api.Server;
        var (ann, bob) = await SeedAsync();
        await using var scope = _api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        var insights = scope.ServiceProvider.GetRequiredService<CustomerInsights>();

        var computedFirst = false;
        _api.Hook.Arm(db, async context =>
        {
            // The summaries are computed (tracked, changed) before the write transaction starts: no lock held yet.
            computedFirst = context.ChangeTracker.Entries<CustomerSummary>().Any(e => e.State == EntityState.Modified);
            // Another writer commits a new event of Ann's meanwhile, as a sync page does (a write lock of its own).
            await _api.WithDbAsync(async other =>
            {
                await using var tx = await other.Database.BeginTransactionAsync();
                other.Events.Add(Message(ann, "late", Now.AddHours(-1), "This is terrible, I want a refund"));
                await other.SaveChangesAsync();
                await CustomerInsights.MarkStaleAsync(other, [ann], CancellationToken.None);
                await tx.CommitAsync();
                return 0;
            });
        });

        (await insights.RefreshAsync(db, [ann, bob], CancellationToken.None)).ShouldBe(2);

        computedFirst.ShouldBeTrue("the refresh computed before taking the write lock");
        _api.Hook.Transactions.ShouldBe(2, "one write for both, then Ann's again in a transaction of her own");
        var summaries = await _api.WithDbAsync(d => d.CustomerSummaries().ToDictionaryAsync(s => s.CustomerId));
        summaries[ann].EventCount.ShouldBe(4, "Ann's late event is in her summary");
        summaries[ann].MapVersion.ShouldBeGreaterThan(0);
        summaries[bob].EventCount.ShouldBe(3);
        summaries[bob].MapVersion.ShouldBeGreaterThan(0);
        var late = await _api.WithDbAsync(d => d.Events.SingleAsync(e => e.SourceRecordId == "late"));
        late.Intents.ShouldNotBeNull("the late event was analyzed");
        late.Sentiment.ShouldNotBeNull();
        late.Sentiment!.Value.ShouldBeLessThan(0);
    }

    [Fact]
    public async Task Without_a_concurrent_change_one_short_transaction_writes_the_chunk()
    {
        _ = _api.Server;
        var (ann, bob) = await SeedAsync();
        await using var scope = _api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        var insights = scope.ServiceProvider.GetRequiredService<CustomerInsights>();
        var versionsBefore = await _api.WithDbAsync(d => d.Customers.ToDictionaryAsync(c => c.Id, c => c.InsightsVersion));
        _api.Hook.Arm(db, _ => Task.CompletedTask);

        (await insights.RefreshAsync(db, [ann, bob], CancellationToken.None)).ShouldBe(2);

        _api.Hook.Transactions.ShouldBe(1);
        var summaries = await _api.WithDbAsync(d => d.CustomerSummaries().ToDictionaryAsync(s => s.CustomerId));
        summaries[ann].EventCount.ShouldBe(3);
        summaries[bob].EventCount.ShouldBe(3);
        db.ChangeTracker.Entries().ShouldBeEmpty("the caller's context is left as it was");
        // Its own write moved the versions too: a refresh computed meanwhile elsewhere would not overwrite it.
        var versionsAfter = await _api.WithDbAsync(d => d.Customers.ToDictionaryAsync(c => c.Id, c => c.InsightsVersion));
        versionsAfter[ann].ShouldBeGreaterThan(versionsBefore[ann]);
        versionsAfter[bob].ShouldBeGreaterThan(versionsBefore[bob]);
    }

    [Fact]
    public async Task A_page_marking_customers_stale_moves_their_versions()
    {
        _ = _api.Server;
        var (ann, bob) = await SeedAsync();
        var before = await _api.WithDbAsync(d => d.Customers.ToDictionaryAsync(c => c.Id, c => c.InsightsVersion));

        await _api.WithDbAsync(d => CustomerInsights.MarkStaleAsync(d, [ann], CancellationToken.None));

        var after = await _api.WithDbAsync(d => d.Customers.ToDictionaryAsync(c => c.Id, c => c.InsightsVersion));
        after[ann].ShouldBe(before[ann] + 1);
        after[bob].ShouldBe(before[bob]);
    }

    /// <summary>Two customers computed with two messages each, then a third each, marked stale as a sync page leaves them.</summary>
    private async Task<(long Ann, long Bob)> SeedAsync()
    {
        long ann = 0, bob = 0;
        await _api.SeedAsync(async db =>
        {
            var a = new Customer { DisplayName = "Ann", CreatedAt = Now.AddDays(-30), UpdatedAt = Now };
            var b = new Customer { DisplayName = "Bob", CreatedAt = Now.AddDays(-30), UpdatedAt = Now };
            db.Customers.AddRange(a, b);
            await db.SaveChangesAsync();
            (ann, bob) = (a.Id, b.Id);
            db.Events.AddRange(
                Message(ann, "a1", Now.AddDays(-3), "Thanks, all good"),
                Message(ann, "a2", Now.AddDays(-2), "The invoice is wrong"),
                Message(bob, "b1", Now.AddDays(-3), "Hello"),
                Message(bob, "b2", Now.AddDays(-2), "Great service, thank you"));
            await db.SaveChangesAsync();
        });
        await using (var scope = _api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
            await scope.ServiceProvider.GetRequiredService<CustomerInsights>().RefreshAsync(db, [ann, bob], CancellationToken.None);
        }
        await _api.SeedAsync(async db =>
        {
            db.Events.AddRange(Message(ann, "a3", Now.AddDays(-1), "Still waiting"), Message(bob, "b3", Now.AddDays(-1), "Fine"));
            await db.SaveChangesAsync();
            await CustomerInsights.MarkStaleAsync(db, [ann, bob], CancellationToken.None);
        });
        return (ann, bob);
    }

    private static TimelineEvent Message(long customerId, string id, DateTimeOffset at, string body) => new()
    {
        CustomerId = customerId, Source = EventSource.Zendesk, SourceRecordId = id, Kind = EventKind.TicketMessage, OccurredAt = at,
        SourceUpdatedAt = at, Channel = Channel.Email, Title = "Customer message",
        Details = new TicketMessageDetails("t-" + id, "customer", true, body, "email").ToJson(),
    };

    /// <summary>Runs a hook once when the armed context starts a transaction, and counts that context's transactions.</summary>
    private sealed class TransactionHook : DbTransactionInterceptor
    {
        private DbContext? _context;
        private Func<DbContext, Task>? _hook;
        private int _transactions;

        public int Transactions => Volatile.Read(ref _transactions);

        public void Arm(DbContext context, Func<DbContext, Task> hook) => (_context, _hook, _transactions) = (context, hook, 0);

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
            CancellationToken cancellationToken = default)
        {
            if (eventData.Context is { } context && ReferenceEquals(context, _context))
            {
                Interlocked.Increment(ref _transactions);
                if (Interlocked.Exchange(ref _hook, null) is { } hook) await hook(context);
            }
            return await base.TransactionStartingAsync(connection, eventData, result, cancellationToken);
        }
    }

    private sealed class WriteHookFactory : TimelineApiFactory
    {
        public TransactionHook Hook { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Nothing else computes these customers meanwhile: the transactions counted are the refresh's own.
            builder.UseSetting("Journey:BackgroundEnabled", "false");
            builder.ConfigureServices(services => services
                .AddSingleton<TimeProvider>(new FakeTimeProvider(Now))
                .AddSingleton<IInterceptor>(Hook));
        }
    }
}
