using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Customers;

/// <summary>
/// Where a merged customer's id leads: the customer holding its data now. A consumer that stored our id (an agent
/// console, a CRM plugin, a privacy request) keeps finding the person after a sync links them to another record.
/// One look-up is enough: a survivor merged in turn hands its merge records on to the new survivor, and an erased
/// survivor takes them with it, so the id then leads nowhere.
/// </summary>
public static class MergedCustomers
{
    public static Task<long?> SurvivorOfAsync(TimelineDbContext db, long mergedId, CancellationToken ct) =>
        db.MergeRecords.Where(m => m.MergedCustomerId == mergedId)
            .Select(m => (long?)m.SurvivorCustomerId)
            .FirstOrDefaultAsync(ct);
}
