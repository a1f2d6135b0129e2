using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Data;

/// <summary>
/// Hands SQLite's one write lock to this process's busiest writers (sync pages, insights writes) in turn, first come
/// first served. Without it they met at <c>BEGIN IMMEDIATE</c>, and a writer that found the lock taken slept in
/// SQLite's busy handler (1, 2, 5 … up to 100 ms between tries, a thread-pool thread blocked each time): in the bench's
/// ingestion the lock sat free for about 40% of a pass while four sources waited for it. The gate is an ordering
/// only; SQLite's lock still decides, so writers that do not take the gate (and other processes) stay correct and
/// wait as before. Never taken inside a transaction, or on SQL Server (row locks, several instances).
/// </summary>
public sealed class SqliteWriteGate : IDisposable
{
    /// <summary>After this long a writer stops queueing here and waits for SQLite's lock as any other writer does.</summary>
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Enters the gate for one write transaction about to begin on <paramref name="db"/>; dispose after it ends.</summary>
    public async ValueTask<IDisposable> EnterAsync(TimelineDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite() || db.Database.CurrentTransaction is not null) return Passed.Instance;
        return await _gate.WaitAsync(Patience, cancellationToken) ? new Held(_gate) : Passed.Instance;
    }

    /// <summary>The container's singleton: disposed with it, after the writers it served.</summary>
    public void Dispose() => _gate.Dispose();

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }

    private sealed class Passed : IDisposable
    {
        public static readonly Passed Instance = new();

        public void Dispose()
        {
        }
    }
}
