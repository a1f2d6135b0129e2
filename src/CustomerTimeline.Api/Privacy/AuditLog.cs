using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Security;

namespace CustomerTimeline.Api.Privacy;

/// <summary>Writes audit rows: identifiers of the caller and the customer only, never the data itself.</summary>
public sealed class AuditLog(TimelineDbContext db, TimeProvider time)
{
    /// <summary>Adds a row to the current unit of work; the caller's SaveChanges writes it with the rest.</summary>
    public AuditEntry Add(Caller caller, AuditOperation operation, long? customerId, AuditOutcome outcome, PrivacyRequest? request = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var entry = new AuditEntry
        {
            OccurredAt = time.GetUtcNow(),
            ActorTenantId = caller.TenantId,
            ActorObjectId = caller.ObjectId,
            Operation = operation,
            CustomerId = customerId,
            Outcome = outcome,
        };
        // A stored request is referenced by id; a new one by navigation, so one SaveChanges writes both rows.
        if (request is { Id: > 0 }) entry.PrivacyRequestId = request.Id;
        else entry.PrivacyRequest = request;
        db.AuditEntries.Add(entry);
        return entry;
    }
}
