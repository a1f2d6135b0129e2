using CustomerTimeline.Api.Data;
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
