using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Connectors.Sync;

/// <summary>
/// The per-source lease, with single conditional statements that are atomic on SQLite and SQL Server alike:
/// take it when free or expired, renew it only while still its owner, release it only as its owner.
/// </summary>
public static class SyncLeases
{
    private static readonly Func<TimelineDbContext, DateTimeOffset, IAsyncEnumerable<EventSource>> Held =
        EF.CompileAsyncQuery((TimelineDbContext db, DateTimeOffset now) =>
            db.SyncLeases.Where(l => l.Owner != "" && l.ExpiresAt > now).Select(l => l.Source));

    /// <summary>What <see cref="HeldAsync"/> asks of a lease row, for a caller that read the rows itself.</summary>
    public static bool IsHeld(SyncLease lease, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return lease.Owner.Length > 0 && lease.ExpiresAt > now;
    }

    public static async Task<bool> TryAcquireAsync(
        TimelineDbContext db, EventSource source, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var expires = now + duration;
        if (await TakeAsync()) return true;
        if (await db.SyncLeases.AnyAsync(l => l.Source == source, ct)) return false;

        // First run of this source anywhere: create the row. If another instance creates it first, the primary
        // key rejects ours and that instance holds the lease.
        var lease = new SyncLease { Source = source, Owner = owner, AcquiredAt = now, ExpiresAt = expires };
        db.SyncLeases.Add(lease);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
        finally
        {
            db.Entry(lease).State = EntityState.Detached;
        }

        async Task<bool> TakeAsync() =>
            await db.SyncLeases
                .Where(l => l.Source == source && (l.Owner == "" || l.ExpiresAt <= now))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(l => l.Owner, owner)
                    .SetProperty(l => l.AcquiredAt, now)
                    .SetProperty(l => l.ExpiresAt, expires), ct) == 1;
    }

    /// <summary>Extends the lease if <paramref name="owner"/> still holds it; false when another run took it over.</summary>
    public static async Task<bool> RenewAsync(
        TimelineDbContext db, EventSource source, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var expires = now + duration;
        return await db.SyncLeases
            .Where(l => l.Source == source && l.Owner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, expires), ct) == 1;
    }

    public static async Task ReleaseAsync(TimelineDbContext db, EventSource source, string owner, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.SyncLeases
            .Where(l => l.Source == source && l.Owner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, "").SetProperty(l => l.ExpiresAt, now), ct);
    }

    /// <summary>Sources whose lease is held right now.</summary>
    public static async Task<HashSet<EventSource>> HeldAsync(TimelineDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var held = new HashSet<EventSource>();
        await foreach (var source in Held(db, now).WithCancellation(ct)) held.Add(source);
        return held;
    }
}
