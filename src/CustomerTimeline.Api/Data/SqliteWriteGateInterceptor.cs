using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CustomerTimeline.Api.Data;

/// <summary>
/// A SaveChanges with no transaction open (EF then writes in one of its own: mutations, sync state, leases) takes its
/// turn at <see cref="SqliteWriteGate"/> like the explicit writers do. Otherwise it would poll SQLite's busy handler
/// while gated writers hand the lock to each other, finding it taken at most tries. Inside a transaction it passes:
/// the transaction's owner took the turn. The turn ends with the save, however the save ends. A synchronous save
/// (the live backplane's) does not queue: blocking a thread at the gate is what it exists to avoid.
/// </summary>
internal sealed class SqliteWriteGateInterceptor(SqliteWriteGate gate) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, IDisposable> _turns = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not TimelineDbContext db || db.Database.CurrentTransaction is not null || !db.Database.IsSqlite())
            return result;
        // EF detects changes after this hook and before the try whose failure and cancellation hooks end the turn:
        // detected here first, a save that fails there fails before it waits (EF's pass then finds nothing new).
        if (db.ChangeTracker.AutoDetectChangesEnabled) db.ChangeTracker.DetectChanges();
        Leave(db); // a turn left by anything else that failed between the hooks
        _turns.AddOrUpdate(db, await gate.EnterAsync(db, cancellationToken));
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Leave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.Context);
        return Task.CompletedTask;
    }

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.Context);
        return Task.CompletedTask;
    }

    private void Leave(DbContext? context)
    {
        if (context is not null && _turns.TryGetValue(context, out var turn))
        {
            _turns.Remove(context);
            turn.Dispose();
        }
    }
}
