using CustomerTimeline.Api.Data;
using CustomerTimeline.Tests.Generator;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Tests.Data;

public sealed class ReplayableWritesTests
{
    [Fact]
    public async Task Relaxes_sync_only_while_held_and_hands_the_pooled_connection_back_as_it_was()
    {
        using var file = new TempSqliteDatabase();
        await using var db = file.CreateContext();
        var before = await SynchronousAsync(db);
        before.ShouldBe(2, "SQLite's default (FULL) on a fresh connection");
        var cacheBefore = await SqlitePragma.ReadAsync(db, "cache_size");

        await using (await ReplayableWrites.BeginAsync(db, CancellationToken.None))
        {
            (await SynchronousAsync(db)).ShouldBe(1, "NORMAL while the replayable write runs");
            (await SqlitePragma.ReadAsync(db, "cache_size")).ShouldBe(-16384);
        }

        // The same pooled native connection serves the next open: it must carry the original settings again.
        (await SynchronousAsync(db)).ShouldBe(before);
        (await SqlitePragma.ReadAsync(db, "cache_size")).ShouldBe(cacheBefore);
        await using var other = file.CreateContext();
        (await SynchronousAsync(other)).ShouldBe(before);
        (await SqlitePragma.ReadAsync(other, "cache_size")).ShouldBe(cacheBefore);
    }

    [Fact]
    public async Task Leaves_a_connection_inside_a_callers_transaction_alone()
    {
        using var file = new TempSqliteDatabase();
        await using var db = file.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync();
        await using (await ReplayableWrites.BeginAsync(db, CancellationToken.None))
        {
            (await SynchronousAsync(db)).ShouldBe(2);
        }
        db.Database.GetDbConnection().State.ShouldBe(System.Data.ConnectionState.Open, "the caller's transaction still owns it");
    }

    private static async Task<int> SynchronousAsync(TimelineDbContext db) => (int)await SqlitePragma.ReadAsync(db, "synchronous");
}
