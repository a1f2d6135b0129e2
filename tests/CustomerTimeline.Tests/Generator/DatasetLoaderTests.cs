using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Generator;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Tests.Generator;

public sealed class DatasetLoaderTests : IDisposable
{
    private static readonly GeneratorOptions Options = new() { TargetEvents = 5_000 };
    private readonly TempSqliteDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private static IEnumerable<GeneratedCustomer> Generate() => new DataGenerator(Options).Generate();

    [Fact]
    public async Task Loads_everything_and_reports_progress()
    {
        var expected = Generate().ToList();
        var reports = new List<LoadProgress>();

        await using var db = _database.CreateContext();
        var result = await DatasetLoader.LoadAsync(db, Generate(), new SynchronousProgress<LoadProgress>(reports.Add), CancellationToken.None);

        result.Customers.ShouldBe(expected.Count);
        result.Events.ShouldBe(expected.Sum(c => c.Events.Count));
        result.Identities.ShouldBe(expected.Sum(c => c.Identities.Count));
        (await db.Customers.CountAsync()).ShouldBe(result.Customers);
        (await db.Events.LongCountAsync()).ShouldBe(result.Events);
        (await db.Identities.LongCountAsync()).ShouldBe(result.Identities);

        reports.ShouldNotBeEmpty();
        reports.Select(r => r.Events).ShouldBeInOrder();
        reports[^1].ShouldBe(new LoadProgress(result.Customers, result.Identities, result.Events, reports[^1].Elapsed));
    }

    [Fact]
    public async Task Rows_round_trip_through_ef()
    {
        var expected = Generate().ToList();
        await using (var db = _database.CreateContext())
        {
            await DatasetLoader.LoadAsync(db, Generate(), null, CancellationToken.None);
        }

        await using var read = _database.CreateContext();
        await AssertRoundTripAsync(read, expected);
    }

    [Fact]
    public async Task The_ef_fallback_writes_the_same_rows()
    {
        var expected = Generate().ToList();
        await using (var db = _database.CreateContext())
        {
            var result = await DatasetLoader.LoadWithEfAsync(db, Generate(), null, CancellationToken.None);
            result.Events.ShouldBe(expected.Sum(c => c.Events.Count));
        }

        await using var read = _database.CreateContext();
        (await read.Events.CountAsync()).ShouldBe(expected.Sum(c => c.Events.Count));
        await AssertRoundTripAsync(read, expected);
    }

    [Fact]
    public async Task Loading_into_a_database_with_data_is_refused()
    {
        await using var db = _database.CreateContext();
        await DatasetLoader.LoadAsync(db, Generate(), null, CancellationToken.None);
        var before = await db.Events.CountAsync();

        var ex = await Should.ThrowAsync<InvalidOperationException>(
            () => DatasetLoader.LoadAsync(db, Generate(), null, CancellationToken.None));
        ex.Message.ShouldContain("empty database");
        (await db.Events.CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Connection_settings_are_restored_after_the_load()
    {
        await using var db = _database.CreateContext();
        await db.Database.OpenConnectionAsync(); // keep the same connection across the load
        var before = await PragmasAsync(db);

        await DatasetLoader.LoadAsync(db, Generate().Take(5), null, CancellationToken.None);

        (await PragmasAsync(db)).ShouldBe(before);
    }

    private static async Task<(long CacheSize, long Synchronous)> PragmasAsync(TimelineDbContext db)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA cache_size";
        var cache = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        command.CommandText = "PRAGMA synchronous";
        var synchronous = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        return (cache, synchronous);
    }

    [Fact]
    public async Task Cancellation_stops_the_load()
    {
        using var cts = new CancellationTokenSource();
        var customers = Generate().Select((c, i) =>
        {
            if (i == 10) cts.Cancel();
            return c;
        });

        await using var db = _database.CreateContext();
        await Should.ThrowAsync<OperationCanceledException>(() => DatasetLoader.LoadAsync(db, customers, null, cts.Token));
    }

    private static async Task AssertRoundTripAsync(TimelineDbContext db, List<GeneratedCustomer> expected)
    {
        var sample = expected[3];
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == sample.Customer.Id);
        (customer.DisplayName, customer.PrimaryEmail, customer.Phone, customer.Company, customer.SearchText)
            .ShouldBe((sample.Customer.DisplayName, sample.Customer.PrimaryEmail, sample.Customer.Phone, sample.Customer.Company, sample.Customer.SearchText));
        customer.CreatedAt.ShouldBe(sample.Customer.CreatedAt);
        customer.UpdatedAt.ShouldBe(sample.Customer.UpdatedAt);

        var identities = await db.Identities.AsNoTracking().Where(i => i.CustomerId == sample.Customer.Id).ToListAsync();
        identities.Select(i => (i.Kind, i.Value, i.Source, i.FirstSeenAt)).OrderBy(i => i.Kind)
            .ShouldBe(sample.Identities.Select(i => (i.Kind, i.Value, i.Source, i.FirstSeenAt)).OrderBy(i => i.Kind));

        // One event of every kind, looked up by its natural key.
        foreach (var want in sample.Events.GroupBy(e => e.Kind).Select(g => g.First()))
        {
            var got = await db.Events.AsNoTracking().SingleAsync(e => e.Source == want.Source && e.SourceRecordId == want.SourceRecordId);
            got.Id.ShouldBeGreaterThan(0);
            (got.CustomerId, got.Kind, got.Channel, got.Title, got.Summary, got.Sentiment, got.StageKey, got.Details)
                .ShouldBe((want.CustomerId, want.Kind, want.Channel, want.Title, want.Summary, want.Sentiment, want.StageKey, want.Details));
            got.OccurredAt.ShouldBe(want.OccurredAt);
            got.SourceUpdatedAt.ShouldBe(want.SourceUpdatedAt);
            EventDetails.FromJson(got.Details).ShouldBe(EventDetails.FromJson(want.Details), new DetailsJsonComparer());
        }

        // The timeline index serves "latest events of a customer" in the generated order.
        var timeline = await db.Events.AsNoTracking().Where(e => e.CustomerId == sample.Customer.Id)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Select(e => e.SourceRecordId).ToListAsync();
        timeline.ShouldBe(sample.Events.Select(e => e.SourceRecordId));
    }
}
