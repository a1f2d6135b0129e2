using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Tests.Infrastructure;

/// <summary>What a sync's merge leaves in the database (PageIdentities): for tests that need one without a sync.</summary>
public static class SimulatedMerge
{
    /// <summary>The merged customer's events and keys move to the survivor, its row goes, a merge record stays.</summary>
    public static async Task MergeAsync(TimelineDbContext db, long mergedId, long survivorId)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Events.Where(e => e.CustomerId == mergedId).ExecuteUpdateAsync(u => u.SetProperty(e => e.CustomerId, survivorId));
        await db.Identities.Where(i => i.CustomerId == mergedId).ExecuteUpdateAsync(u => u.SetProperty(i => i.CustomerId, survivorId));
        await db.Customers.Where(c => c.Id == mergedId).ExecuteDeleteAsync();
        db.MergeRecords.Add(new MergeRecord
        {
            SurvivorCustomerId = survivorId,
            MergedCustomerId = mergedId,
            MatchedKeyKind = IdentityKind.Email,
            MatchedKeyMasked = "m***@e***.com",
            SurvivorKeyKind = IdentityKind.Email,
            SurvivorKeyMasked = "s***@e***.com",
            Source = EventSource.Zendesk,
            RecordId = "linking-record",
            MergedAt = DateTimeOffset.UtcNow,
        });
    }
}
