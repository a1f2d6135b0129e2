using System.Globalization;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Tests.Generator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

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

        await using (await ReplayableWrites.BeginAsync(db, CancellationToken.None))
        {
            (await SynchronousAsync(db)).ShouldBe(1, "NORMAL while the replayable write runs");
        }

        // The same pooled native connection serves the next open: it must carry the original setting again.
        (await SynchronousAsync(db)).ShouldBe(before);
        await using var other = file.CreateContext();
        (await SynchronousAsync(other)).ShouldBe(before);
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

    private static async Task<int> SynchronousAsync(TimelineDbContext db)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA synchronous";
            if (db.Database.CurrentTransaction is { } tx) command.Transaction = tx.GetDbTransaction();
            return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
