using CustomerTimeline.Api.Data;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Tests.Data;

public sealed class SqliteConnectionSettingsTests
{
    [Fact]
    public async Task Every_native_connection_EF_opens_gets_the_small_page_cache_and_keeps_it_after_a_bulk_write()
    {
        await using var two = await TwoConnections.OpenAsync();
        var (db, other) = (two.First, two.Second);
        (await SqlitePragma.ReadAsync(db, "cache_size")).ShouldBe(-512, "SQLite's default is -2000 (2 MiB)");
        (await SqlitePragma.ReadAsync(other, "cache_size")).ShouldBe(-512);
        await db.Database.CloseConnectionAsync();
        await other.Database.CloseConnectionAsync();

        await using (await ReplayableWrites.BeginAsync(db, CancellationToken.None))
            (await SqlitePragma.ReadAsync(db, "cache_size")).ShouldBe(-16384, "bulk writes get their larger cache for their duration");
        (await SqlitePragma.ReadAsync(db, "cache_size")).ShouldBe(-512);
    }

    [Fact]
    public async Task Every_native_connection_EF_opens_waits_for_a_taken_lock_inside_SQLite_for_its_command_timeout()
    {
        await using var two = await TwoConnections.OpenAsync();
        var (db, other) = (two.First, two.Second);

        // SQLite's default is 0 (answer "busy" at once; Microsoft.Data.Sqlite then sleeps 150 ms between tries).
        (await SqlitePragma.ReadAsync(db, "busy_timeout")).ShouldBe(30_000);
        (await SqlitePragma.ReadAsync(other, "busy_timeout")).ShouldBe(30_000);

        // A writer that finds the lock taken waits for it and then writes.
        await using var holder = await db.Database.BeginTransactionAsync();
        var waiting = Task.Run(async () =>
        {
            await using var tx = await other.Database.BeginTransactionAsync();
            await other.Database.ExecuteSqlRawAsync("CREATE TABLE busy_probe (x INTEGER)");
            await tx.CommitAsync();
        });
        await Task.Delay(50);
        waiting.IsCompleted.ShouldBeFalse("the second writer waits while the first holds the lock");
        await holder.CommitAsync();
        await waiting;
        (await other.Database.SqlQueryRaw<long>("SELECT count(*) AS Value FROM busy_probe").SingleAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_background_checkpoint_copies_committed_pages_into_the_file_so_writers_do_not()
    {
        using var api = new TimelineApiFactory();
        _ = api.Server;
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        // SQLite's default is 1,000 pages: the commit that crosses it checkpoints inside the write lock.
        (await SqlitePragma.ReadAsync(db, "wal_autocheckpoint")).ShouldBe(WalCheckpointer.WriterBackstopPages);

        var file = new FileInfo(db.Database.GetDbConnection().DataSource);
        await WaitForAsync(() => { file.Refresh(); return file.Length; }, length => length > 0);
        var before = file.Length;
        // ~1 MB: well under the writers' backstop, so only the background checkpoint moves it into the file.
        await WriteBlobsAsync(db, 100);

        var after = await WaitForAsync(() => { file.Refresh(); return file.Length; }, length => length >= before + 1_000_000);
        after.ShouldBeGreaterThanOrEqualTo(before + 1_000_000, "the committed pages reach the database file without a writer checkpointing");
    }

    [Fact]
    public async Task A_long_log_is_cut_back_once_every_page_of_it_is_in_the_file()
    {
        using var api = new TimelineApiFactory();
        _ = api.Server;
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        var log = new FileInfo(db.Database.GetDbConnection().DataSource + "-wal");
        // A reader on the snapshot before the writes holds the log at full length while it is measured (otherwise the
        // background checkpoint may already have cut it back, or SQLite removed it with the last connection).
        await using (var reader = new Microsoft.Data.Sqlite.SqliteConnection(db.Database.GetDbConnection().ConnectionString))
        {
            await reader.OpenAsync();
            await using var snapshot = reader.BeginTransaction(deferred: true);
            using (var read = reader.CreateCommand())
            {
                read.CommandText = "SELECT count(*) FROM sqlite_master";
                await read.ExecuteScalarAsync();
            }
            // ~6 MB of log: past the length at which it is cut back, under the writers' backstop.
            await WriteBlobsAsync(db, 600);
            log.Refresh();
            log.Length.ShouldBeGreaterThan(WalCheckpointer.TruncateFromPages * 4096L);
        }

        // SQLite alone reuses the file from its start but never shortens it.
        var after = await WaitForAsync(() => { log.Refresh(); return log.Exists ? log.Length : 0; }, length => length < 1_000_000);
        after.ShouldBeLessThan(1_000_000);
        (await db.Database.SqlQueryRaw<long>("SELECT count(*) AS Value FROM blob_probe").SingleAsync()).ShouldBe(600);
    }

    [Fact]
    public async Task Without_background_checkpoints_writers_keep_SQLite_s_own_threshold()
    {
        using var api = new TimelineApiFactory().WithWebHostBuilder(b => b.UseSetting("Database:CheckpointIntervalMilliseconds", "0"));
        _ = api.Server;
        await using var scope = api.Services.CreateAsyncScope();
        (await SqlitePragma.ReadAsync(scope.ServiceProvider.GetRequiredService<TimelineDbContext>(), "wal_autocheckpoint")).ShouldBe(1000);

        StartupFailure.Of<OptionsValidationException>(() => new TimelineApiFactory().WithWebHostBuilder(b => b.UseSetting("Database:CheckpointIntervalMilliseconds", "-1")))
            .Message.ShouldContain("Database:CheckpointIntervalMilliseconds");
    }

    /// <summary>Commits <paramref name="count"/> rows of 10,000 random bytes in one transaction.</summary>
    private static async Task WriteBlobsAsync(TimelineDbContext db, int count)
    {
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE blob_probe (x BLOB)");
        await using var tx = await db.Database.BeginTransactionAsync();
        for (var i = 0; i < count; i++) await db.Database.ExecuteSqlRawAsync("INSERT INTO blob_probe VALUES (randomblob(10000))");
        await tx.CommitAsync();
    }

    private static async Task<long> WaitForAsync(Func<long> read, Func<long, bool> done)
    {
        var value = read();
        for (var i = 0; i < 200 && !done(value); i++)
        {
            await Task.Delay(50);
            value = read();
        }
        return value;
    }

    [Fact]
    public async Task The_cache_size_is_configurable_and_a_bad_one_stops_the_startup()
    {
        using var api = new TimelineApiFactory().WithWebHostBuilder(b => b.UseSetting("Database:SqliteCacheKiB", "2048"));
        _ = api.Server;
        await using var scope = api.Services.CreateAsyncScope();
        (await SqlitePragma.ReadAsync(scope.ServiceProvider.GetRequiredService<TimelineDbContext>(), "cache_size")).ShouldBe(-2048);

        StartupFailure.Of<OptionsValidationException>(() => new TimelineApiFactory().WithWebHostBuilder(b => b.UseSetting("Database:SqliteCacheKiB", "8")))
            .Message.ShouldContain("Database:SqliteCacheKiB");
    }

    /// <summary>Two contexts of one API, each holding its own native connection open (the second taken while the first is out of the pool).</summary>
    private sealed class TwoConnections : IAsyncDisposable
    {
        private readonly TimelineApiFactory _api = new();
        private readonly AsyncServiceScope _first;
        private readonly AsyncServiceScope _second;

        private TwoConnections()
        {
            _ = _api.Server;
            _first = _api.Services.CreateAsyncScope();
            _second = _api.Services.CreateAsyncScope();
        }

        public TimelineDbContext First => _first.ServiceProvider.GetRequiredService<TimelineDbContext>();

        public TimelineDbContext Second => _second.ServiceProvider.GetRequiredService<TimelineDbContext>();

        public static async Task<TwoConnections> OpenAsync()
        {
            var two = new TwoConnections();
            await two.First.Database.OpenConnectionAsync();
            await two.Second.Database.OpenConnectionAsync();
            return two;
        }

        public async ValueTask DisposeAsync()
        {
            await _second.DisposeAsync();
            await _first.DisposeAsync();
            _api.Dispose();
        }
    }
}
