using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Api.Journey;
using CustomerTimeline.Api.Sources;
using CustomerTimeline.Api.Timeline;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Data;

/// <summary>
/// The loaders' hand-written SQLite reads (<see cref="SqliteReadPool"/>) return exactly what their EF queries return,
/// every mapped property of every row, on a real database file.
/// </summary>
public sealed class HotReadTests : IAsyncLifetime
{
    private readonly JourneyApiFactory _api = new(SampleData.T0.AddDays(10));
    private long[] _customers = [];

    public async Task InitializeAsync()
    {
        await _api.SeedAsync(SampleData.SeedAsync);
        _customers = await _api.WithDbAsync(db => db.Customers.Select(c => c.Id).OrderBy(id => id).ToArrayAsync());
        await _api.RefreshAsync(_customers);
        // A resolved signal, so the open-signals read has one to leave out.
        await _api.WithDbAsync(db => db.CustomerSignals().Take(1)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ResolvedAt, SampleData.T0.AddDays(9))));
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Every_hot_read_returns_what_its_EF_query_returns()
    {
        var pool = _api.Services.GetRequiredService<SqliteReadPool>();
        pool.Enabled.ShouldBeTrue();
        await _api.WithDbAsync(async db =>
        {
            var ct = CancellationToken.None;
            (await db.CustomerSignals().CountAsync(s => s.ResolvedAt != null)).ShouldBe(1);
            var compared = 0;
            foreach (var id in _customers.Append(999_999))
            {
                compared += Same(db, pool.List(db, CustomerByIdLoader.HotOne, ct, id), await db.Customers.Where(c => c.Id == id).ToListAsync());
                compared += Same(db, pool.List(db, IdentitiesByCustomerLoader.HotOfOne, ct, id),
                    await db.Identities.Where(i => i.CustomerId == id).OrderBy(i => i.Kind).ThenBy(i => i.Value).ToListAsync());
                compared += Same(db, pool.List(db, CustomerSummaryLoader.HotOne, ct, id),
                    await db.CustomerSummaries().Where(s => s.CustomerId == id).ToListAsync());
                compared += Same(db, pool.List(db, JourneyStagesLoader.HotOfOne, ct, id).OrderBy(s => s.StageKey).ToList(),
                    await db.CustomerJourneyStages().Where(s => s.CustomerId == id).OrderBy(s => s.StageKey).ToListAsync());
                compared += Same(db, pool.List(db, OpenSignalsLoader.HotOfOne, ct, id).OrderBy(s => s.Id).ToList(),
                    await db.CustomerSignals().Where(s => s.CustomerId == id && s.ResolvedAt == null).OrderBy(s => s.Id).ToListAsync());

                var newestFirst = await db.Events.Where(e => e.CustomerId == id)
                    .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).ToListAsync();
                compared += Same(db, pool.List(db, TimelinePageLoader.HotLatest, ct, id, 3), [.. newestFirst.Take(3)]);
                compared += Same(db, pool.List(db, TimelinePageLoader.HotLatest, ct, id, 1_000), newestFirst);
                foreach (var (after, i) in newestFirst.Select((e, i) => (e, i)))
                {
                    compared += Same(db, pool.List(db, TimelinePageLoader.HotOlder, ct, id, after.OccurredAt.UtcTicks, after.Id, 2),
                        [.. newestFirst.Skip(i + 1).Take(2)]);
                    compared += Same(db, pool.List(db, EventByIdLoader.HotOne, ct, after.Id), [after]);
                }
            }
            compared.ShouldBeGreaterThan(50);
            return compared;
        });
    }

    [Fact]
    public async Task The_sources_reads_return_what_their_EF_queries_return()
    {
        var pool = _api.Services.GetRequiredService<SqliteReadPool>();
        var now = SampleData.T0.AddDays(10);
        await _api.SeedAsync(db =>
        {
            db.SyncStates.AddRange(
                new SyncState { Source = EventSource.Zendesk, Stream = "users", Cursor = "c1", Status = SyncStatus.Succeeded, LastSuccessAt = now.AddMinutes(-5), CaughtUpAt = now.AddMinutes(-5), LagSeconds = 12.5, TotalRecords = 40 },
                new SyncState { Source = EventSource.Zendesk, Stream = "tickets", Status = SyncStatus.Failed, LastError = "HTTP 503", LastRunEndedAt = now.AddMinutes(-1) },
                new SyncState { Source = EventSource.Dataverse, Stream = "contacts" });
            db.SyncLeases.AddRange(
                new SyncLease { Source = EventSource.Zendesk, Owner = "host:1:run", AcquiredAt = now.AddMinutes(-1), ExpiresAt = now.AddMinutes(4) },
                new SyncLease { Source = EventSource.Matomo, Owner = "host:1:old", AcquiredAt = now.AddHours(-1), ExpiresAt = now.AddMinutes(-30) },
                new SyncLease { Source = EventSource.Typeform, Owner = "", AcquiredAt = now.AddMinutes(-2), ExpiresAt = now.AddMinutes(3) });
            foreach (var (source, id, resolved) in new[] { (EventSource.Zendesk, "t1", false), (EventSource.Zendesk, "t2", false), (EventSource.Zendesk, "t3", true), (EventSource.Typeform, "r1", false), (EventSource.Matomo, "v1", true) })
            {
                db.DeadLetters.Add(new DeadLetter
                {
                    Source = source, Stream = "s", RecordId = id, Reason = "unreadable", Payload = "{}",
                    FirstSeenAt = now, LastSeenAt = now, Attempts = 1, Resolved = resolved, ResolvedAt = resolved ? now : null,
                });
            }
            return Task.CompletedTask;
        });

        await _api.WithDbAsync(async db =>
        {
            var hot = SourceQueries.HotReads(pool, db, now, CancellationToken.None);
            var ef = await SourceQueries.CompiledReadsAsync(db, now, CancellationToken.None);
            Same(db, hot.States, ef.States).ShouldBe(3);
            hot.Held.ShouldBe([EventSource.Zendesk]);
            hot.Held.ShouldBe(ef.Held, ignoreOrder: true);
            hot.Open.OrderBy(o => o.Key).ShouldBe(ef.Open.OrderBy(o => o.Key));
            hot.Open.ShouldBe(new Dictionary<EventSource, int> { [EventSource.Zendesk] = 2, [EventSource.Typeform] = 1 }, ignoreOrder: true);
            return 0;
        });
    }

    [Fact]
    public async Task Events_with_equal_times_page_by_id_without_repeats_or_gaps()
    {
        var pool = _api.Services.GetRequiredService<SqliteReadPool>();
        var at = SampleData.T0.AddDays(5);
        var customer = _customers[0];
        await _api.SeedAsync(db =>
        {
            for (var i = 0; i < 5; i++) db.Events.Add(SampleData.Visit(customer, $"tie-{i}", at, SampleData.AliceVisitorId));
            return Task.CompletedTask;
        });
        await _api.WithDbAsync(async db =>
        {
            var all = await db.Events.Where(e => e.CustomerId == customer)
                .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Select(e => e.Id).ToListAsync();
            var paged = new List<long>();
            var page = pool.List(db, TimelinePageLoader.HotLatest, CancellationToken.None, customer, 2);
            while (page.Count > 0)
            {
                paged.AddRange(page.Select(e => e.Id));
                var last = page[^1];
                page = pool.List(db, TimelinePageLoader.HotOlder, CancellationToken.None, customer, last.OccurredAt.UtcTicks, last.Id, 2);
            }
            paged.ShouldBe(all);
            return paged.Count;
        });
    }

    [Fact]
    public async Task Event_details_kept_as_stored_UTF8_parse_and_read_as_EFs()
    {
        var pool = _api.Services.GetRequiredService<SqliteReadPool>();
        await _api.WithDbAsync(async db =>
        {
            var ef = await db.Events.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
            ef.Select(e => e.Kind).Distinct().Count().ShouldBeGreaterThan(3);
            foreach (var expected in ef)
            {
                // Parsed straight from the UTF-8 (nothing read the text first), then the text made from it.
                var parsed = pool.First(db, EventByIdLoader.HotOne, CancellationToken.None, expected.Id)!;
                parsed.ParsedDetails.ToJson().ShouldBe(expected.ParsedDetails.ToJson());
                parsed.Details.ShouldBe(expected.Details);
                var text = pool.First(db, EventByIdLoader.HotOne, CancellationToken.None, expected.Id)!;
                text.Details.ShouldBe(expected.Details);
                text.ParsedDetails.ToJson().ShouldBe(expected.ParsedDetails.ToJson());
            }
            return ef.Count;
        });
    }

    [Fact]
    public async Task A_summarys_experience_kept_as_stored_UTF8_parses_as_EFs()
    {
        var pool = _api.Services.GetRequiredService<SqliteReadPool>();
        await _api.WithDbAsync(async db =>
        {
            var ef = await db.CustomerSummaries().AsNoTracking().ToListAsync();
            ef.Count.ShouldBe(_customers.Length);
            foreach (var expected in ef)
            {
                var hot = pool.First(db, CustomerSummaryLoader.HotOne, CancellationToken.None, expected.CustomerId)!;
                hot.Experience().ToJson().ShouldBe(expected.Experience().ToJson());
                hot.ExperienceJson.ShouldBe(expected.ExperienceJson);
            }
            return ef.Count;
        });
    }

    [Fact]
    public async Task Repeating_keys_are_one_string_per_value_across_rows_and_reads()
    {
        var pool = _api.Services.GetRequiredService<SqliteReadPool>();
        await _api.WithDbAsync(async db =>
        {
            var rows = _customers.SelectMany(id => pool.List(db, TimelinePageLoader.HotLatest, CancellationToken.None, id, 1_000)).ToList();
            var keys = rows.Select(e => e.StageKey).OfType<string>().ToList();
            keys.Count.ShouldBeGreaterThan(keys.Distinct().Count());
            foreach (var sameValue in keys.GroupBy(k => k, StringComparer.Ordinal))
                sameValue.ShouldAllBe(k => ReferenceEquals(k, sameValue.First()));
            var stage = pool.List(db, JourneyStagesLoader.HotOfOne, CancellationToken.None, _customers[0]).First();
            ReferenceEquals(stage.StageKey, keys.First(k => k == stage.StageKey)).ShouldBeTrue();
            (await db.Events.CountAsync()).ShouldBe(rows.Count);
            return rows.Count;
        });
    }

    [Fact]
    public async Task Enum_columns_read_without_a_string_give_EFs_value_or_error_for_any_stored_text()
    {
        // Names are matched from the column's UTF-8; anything else goes through EF's converter, as EF reads it.
        var pool = _api.Services.GetRequiredService<SqliteReadPool>();
        var customer = _customers[0];
        await _api.WithDbAsync(async db =>
        {
            var ids = await db.Events.Where(e => e.CustomerId == customer).OrderBy(e => e.Id).Select(e => e.Id).Take(2).ToListAsync();
            ids.Count.ShouldBe(2);
            await db.Database.ExecuteSqlAsync($"UPDATE Events SET Channel = '2', Kind = '3' WHERE Id = {ids[0]}");
            await db.Database.ExecuteSqlAsync($"UPDATE Events SET Channel = 'NoSuchChannel' WHERE Id = {ids[1]}");

            var numbers = await db.Events.AsNoTracking().Where(e => e.Id == ids[0]).ToListAsync();
            Same(db, pool.List(db, EventByIdLoader.HotOne, CancellationToken.None, ids[0]), numbers);
            numbers[0].Channel.ShouldBe((Channel)2);

            var efError = await Should.ThrowAsync<InvalidOperationException>(() => db.Events.AsNoTracking().Where(e => e.Id == ids[1]).ToListAsync());
            Should.Throw<InvalidOperationException>(() => pool.List(db, EventByIdLoader.HotOne, CancellationToken.None, ids[1]))
                .Message.ShouldBe(efError.Message);
            return 0;
        });
    }

    [Fact]
    public async Task Hot_reads_are_counted_as_statements_and_see_committed_writes_at_once()
    {
        var pool = _api.Services.GetRequiredService<SqliteReadPool>();
        var customer = _customers[0];
        await _api.WithDbAsync(async db =>
        {
            _api.Commands.Reset();
            var before = pool.First(db, CustomerByIdLoader.HotOne, CancellationToken.None, customer)!;
            _api.Commands.Count.ShouldBe(1);

            await db.Customers.Where(c => c.Id == customer).ExecuteUpdateAsync(s => s.SetProperty(c => c.Company, "Renamed Ltd"));
            pool.First(db, CustomerByIdLoader.HotOne, CancellationToken.None, customer)!.Company.ShouldBe("Renamed Ltd");
            before.Company.ShouldNotBe("Renamed Ltd");
            return 0;
        });
    }

    [Fact]
    public async Task Concurrent_readers_each_get_their_own_rows()
    {
        var pool = _api.Services.GetRequiredService<SqliteReadPool>();
        var expected = await _api.WithDbAsync(db => db.Customers.ToDictionaryAsync(c => c.Id, c => c.DisplayName));
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => _api.WithDbAsync(db =>
        {
            var seen = new List<(long, string)>();
            for (var round = 0; round < 50; round++)
            {
                var id = _customers[(i + round) % _customers.Length];
                seen.Add((id, pool.First(db, CustomerByIdLoader.HotOne, CancellationToken.None, id)!.DisplayName));
            }
            return Task.FromResult(seen);
        }))));
        results.SelectMany(r => r).ShouldAllBe(r => expected[r.Item1] == r.Item2);
    }

    [Fact]
    public async Task A_cancelled_read_does_not_run_and_the_wrong_arity_is_refused()
    {
        var pool = _api.Services.GetRequiredService<SqliteReadPool>();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await _api.WithDbAsync(db =>
        {
            _api.Commands.Reset();
            Should.Throw<OperationCanceledException>(() => pool.List(db, CustomerByIdLoader.HotOne, cancelled.Token, 1));
            Should.Throw<ArgumentException>(() => pool.List(db, CustomerByIdLoader.HotOne, CancellationToken.None, 1, 2));
            _api.Commands.Count.ShouldBe(0);
            return Task.FromResult(0);
        });
    }

    [Fact]
    public async Task A_failing_read_throws_SQLites_error_and_the_pool_keeps_serving()
    {
        var pool = _api.Services.GetRequiredService<SqliteReadPool>();
        var noSuchColumn = new HotQuery<Customer>("WHERE \"NoSuchColumn\" = @p0", 1);
        var unnamedParameter = new HotQuery<Customer>("WHERE \"Id\" = @id", 1);
        var extraParameter = new HotQuery<Customer>("WHERE \"Id\" = @p0 OR \"Id\" = @p1", 1);
        await _api.WithDbAsync(db =>
        {
            var ct = CancellationToken.None;
            Should.Throw<Microsoft.Data.Sqlite.SqliteException>(() => pool.List(db, noSuchColumn, ct, 1)).Message.ShouldContain("NoSuchColumn");
            Should.Throw<InvalidOperationException>(() => pool.List(db, unnamedParameter, ct, 1)).Message.ShouldContain("@p0");
            Should.Throw<InvalidOperationException>(() => pool.List(db, extraParameter, ct, 1)).Message.ShouldContain("2 parameter(s), not 1");
            pool.First(db, CustomerByIdLoader.HotOne, ct, _customers[0])!.Id.ShouldBe(_customers[0]);
            return Task.FromResult(0);
        });
    }

    [Fact]
    public async Task A_locked_database_is_waited_for_until_the_request_is_cancelled()
    {
        // A copy in rollback-journal mode, where a writer's exclusive lock keeps readers out (WAL never does).
        var copy = Path.Combine(Path.GetTempPath(), $"hot-busy-{Guid.NewGuid():N}.db");
        await _api.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            using var vacuum = db.Database.GetDbConnection().CreateCommand();
            vacuum.CommandText = $"VACUUM INTO '{copy}'";
            await vacuum.ExecuteNonQueryAsync();
            return 0;
        });
        try
        {
            using (var setup = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={copy};Pooling=False"))
            {
                setup.Open();
                using var mode = setup.CreateCommand();
                mode.CommandText = "PRAGMA journal_mode = DELETE";
                mode.ExecuteNonQuery();
            }
            using var pool = new SqliteReadPool($"Data Source={copy}", []);
            // Its session is open (with the statement prepared) before the lock is taken.
            await _api.WithDbAsync(db => Task.FromResult(pool.First(db, CustomerByIdLoader.HotOne, CancellationToken.None, _customers[0])));
            await using var writer = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={copy};Pooling=False");
            writer.Open();
            using (var begin = writer.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE; UPDATE \"Customers\" SET \"Company\" = 'Locked Ltd';";
                begin.ExecuteNonQuery();
            }
            await _api.WithDbAsync(async db =>
            {
                using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
                var started = System.Diagnostics.Stopwatch.StartNew();
                Should.Throw<OperationCanceledException>(() => pool.List(db, CustomerByIdLoader.HotOne, soon.Token, _customers[0]));
                started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));

                using (var commit = writer.CreateCommand())
                {
                    commit.CommandText = "COMMIT";
                    commit.ExecuteNonQuery();
                }
                pool.First(db, CustomerByIdLoader.HotOne, CancellationToken.None, _customers[0])!.Company.ShouldBe("Locked Ltd");
                await Task.CompletedTask;
                return 0;
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(copy);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=shared;Mode=Memory;Cache=Shared")]
    public void Off_where_a_second_connection_would_not_see_the_same_database(string? connectionString)
    {
        using var pool = new SqliteReadPool(connectionString, []);
        pool.Enabled.ShouldBeFalse();
    }

    /// <summary>Compares every property the model maps; returns how many rows were compared.</summary>
    private static int Same<T>(TimelineDbContext db, List<T> hot, List<T> ef) where T : class
    {
        hot.Count.ShouldBe(ef.Count, typeof(T).Name);
        var properties = db.Model.FindEntityType(typeof(T))!.GetProperties().ToList();
        for (var i = 0; i < hot.Count; i++)
        {
            foreach (var property in properties)
                ValueOf(property, hot[i]).ShouldBe(ValueOf(property, ef[i]), $"{typeof(T).Name}.{property.Name}");
        }
        return hot.Count;
    }

    private static object? ValueOf(IProperty property, object entity) =>
        property.PropertyInfo is { } p ? p.GetValue(entity) : property.FieldInfo!.GetValue(entity);
}

