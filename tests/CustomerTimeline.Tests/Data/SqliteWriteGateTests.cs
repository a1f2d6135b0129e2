using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Journey;
using CustomerTimeline.Api.Privacy;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Data;

/// <summary>
/// The busiest writers take SQLite's write lock in turn through the gate: a second writer waits at the gate (not in
/// SQLite's busy handler) and goes as soon as the first one's transaction ends, in the order they came.
/// </summary>
public sealed class SqliteWriteGateTests : IAsyncLifetime
{
    private readonly TimelineApiFactory _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Writers_take_the_lock_in_the_order_they_came_each_once_the_previous_transaction_ended()
    {
        _ = _api.Server;
        var gate = _api.Services.GetRequiredService<SqliteWriteGate>();
        await using var first = _api.Services.CreateAsyncScope();
        var firstDb = first.ServiceProvider.GetRequiredService<TimelineDbContext>();
        var turn = await gate.EnterAsync(firstDb, CancellationToken.None);
        var transaction = await firstDb.Database.BeginTransactionAsync();
        firstDb.Customers.Add(new Customer { DisplayName = "First", CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch });
        await firstDb.SaveChangesAsync();

        var order = new List<string>();
        var second = WriteAsync(gate, "Second", order);
        var third = WriteAsync(gate, "Third", order);
        await Task.Delay(200);
        lock (order) order.ShouldBeEmpty("the others wait at the gate, not at SQLite's lock");
        second.IsCompleted.ShouldBeFalse();
        third.IsCompleted.ShouldBeFalse();

        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        turn.Dispose();
        await Task.WhenAll(second, third).WaitAsync(TimeSpan.FromSeconds(30));

        order.ShouldBe(["Second", "Third"]);
        var names = await _api.WithDbAsync(db => db.Customers.OrderBy(c => c.Id).Select(c => c.DisplayName).ToListAsync());
        names.ShouldBe(["First", "Second", "Third"]);
    }

    [Fact]
    public async Task Inside_a_transaction_the_gate_is_not_taken_again()
    {
        _ = _api.Server;
        var gate = _api.Services.GetRequiredService<SqliteWriteGate>();
        await using var scope = _api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        using var turn = await gate.EnterAsync(db, CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync();

        // A refresh inside a page's transaction asks again: it must not wait for itself.
        var nested = gate.EnterAsync(db, CancellationToken.None).AsTask();
        (await nested.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task A_writer_that_failed_hands_the_gate_on()
    {
        _ = _api.Server;
        var gate = _api.Services.GetRequiredService<SqliteWriteGate>();
        await Should.ThrowAsync<InvalidOperationException>(async () =>
        {
            await using var scope = _api.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
            using var turn = await gate.EnterAsync(db, CancellationToken.None);
            await using var transaction = await db.Database.BeginTransactionAsync();
            throw new InvalidOperationException("the page failed");
        });

        await WriteAsync(gate, "After", []).WaitAsync(TimeSpan.FromSeconds(5));
        (await _api.WithDbAsync(db => db.Customers.CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task A_save_with_no_transaction_open_waits_its_turn_and_ends_it_with_the_save()
    {
        _ = _api.Server;
        var gate = _api.Services.GetRequiredService<SqliteWriteGate>();
        await using var holder = _api.Services.CreateAsyncScope();
        // A turn held with no transaction begun: SQLite's lock is free, so only the gate can hold the save back.
        var turn = await gate.EnterAsync(holder.ServiceProvider.GetRequiredService<TimelineDbContext>(), CancellationToken.None);

        var save = _api.WithDbAsync(db =>
        {
            db.Customers.Add(new Customer { DisplayName = "Saved", CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch });
            return db.SaveChangesAsync();
        });
        await Task.Delay(200);
        save.IsCompleted.ShouldBeFalse("the save waits at the gate");

        turn.Dispose();
        (await save.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe(1);
        await EnterAndLeaveAsync(gate); // the save's turn ended with it
    }

    [Fact]
    public async Task A_save_inside_a_transaction_does_not_queue_and_a_failed_save_hands_the_gate_on()
    {
        _ = _api.Server;
        var gate = _api.Services.GetRequiredService<SqliteWriteGate>();
        await using (var scope = _api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
            using var turn = await gate.EnterAsync(db, CancellationToken.None);
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Customers.Add(new Customer { DisplayName = "Inside", CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch });
            (await db.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe(1);
            await transaction.CommitAsync();
        }

        var id = await _api.WithDbAsync(db => db.Customers.Select(c => c.Id).SingleAsync());
        await Should.ThrowAsync<DbUpdateException>(_api.WithDbAsync(db =>
        {
            db.Customers.Add(new Customer { Id = id, DisplayName = "Same key", CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch });
            return db.SaveChangesAsync();
        }));
        await EnterAndLeaveAsync(gate);

        // A save that fails in EF's change detection, before the hooks that end a turn, must not keep one.
        await Should.ThrowAsync<InvalidOperationException>(_api.WithDbAsync(async db =>
        {
            var customer = await db.Customers.AsTracking().SingleAsync();
            customer.Id += 1_000;
            return await db.SaveChangesAsync();
        }));
        await EnterAndLeaveAsync(gate);
        (await _api.WithDbAsync(db => db.Customers.CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task The_other_writers_wait_their_turn_too_a_map_update_an_audit_fold_and_a_reclassification_batch()
    {
        _ = _api.Server;
        var gate = _api.Services.GetRequiredService<SqliteWriteGate>();
        var store = _api.Services.GetRequiredService<JourneyMapStore>();
        await _api.WithDbAsync(db =>
        {
            db.PiiReadJournal.AddRange(Enumerable.Range(1, 3).Select(i => new PiiReadJournalEntry
            {
                OccurredAt = DateTimeOffset.UnixEpoch.AddMinutes(i), ActorTenantId = "tenant", ActorObjectId = "agent", CustomerId = i,
            }));
            return db.SaveChangesAsync();
        });
        await using var holder = _api.Services.CreateAsyncScope();
        var turn = await gate.EnterAsync(holder.ServiceProvider.GetRequiredService<TimelineDbContext>(), CancellationToken.None);

        var map = store.Current.Definition with { Name = "Gated map" };
        var update = _api.WithDbAsync(db => store.UpdateAsync(db, map.ToJson(), CancellationToken.None));
        var fold = _api.WithDbAsync(db => PiiReadJournal.FoldAsync(db, gate, PiiReadJournal.DefaultChunkRows, CancellationToken.None));
        var batch = _api.Services.GetRequiredService<JourneyReclassifier>().ProcessNextBatchAsync(CancellationToken.None);
        await Task.Delay(200);
        update.IsCompleted.ShouldBeFalse("the map update waits at the gate");
        fold.IsCompleted.ShouldBeFalse("the audit fold waits at the gate");
        batch.IsCompleted.ShouldBeFalse("the reclassification batch waits at the gate");

        turn.Dispose();
        (await update.WaitAsync(TimeSpan.FromSeconds(30))).Changed.ShouldBeTrue();
        (await fold.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe(3);
        await batch.WaitAsync(TimeSpan.FromSeconds(30));
        (await _api.WithDbAsync(db => db.JourneyMapVersions().Where(v => v.IsActive).Select(v => v.Name).SingleAsync())).ShouldBe("Gated map");
    }

    /// <summary>The gate is free: a writer gets its turn at once.</summary>
    private async Task EnterAndLeaveAsync(SqliteWriteGate gate)
    {
        await using var scope = _api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        (await gate.EnterAsync(db, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    private async Task WriteAsync(SqliteWriteGate gate, string name, List<string> order)
    {
        await using var scope = _api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        using var turn = await gate.EnterAsync(db, CancellationToken.None);
        lock (order) order.Add(name);
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Customers.Add(new Customer { DisplayName = name, CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}
