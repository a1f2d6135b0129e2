using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Security;

namespace CustomerTimeline.Api.Privacy;

/// <summary>Writes audit rows: identifiers of the caller and the customer only, never the data itself.</summary>
public sealed class AuditLog(TimelineDbContext db, TimeProvider time)
{
    /// <summary>Adds a row to the current unit of work; the caller's SaveChanges writes it with the rest.</summary>
    public AuditEntry Add(Caller caller, AuditOperation operation, long? customerId, AuditOutcome outcome, PrivacyRequest? request = null)
    {
        var entry = Entry(caller, operation, customerId, outcome, time.GetUtcNow());
        // A stored request is referenced by id; a new one by navigation, so one SaveChanges writes both rows.
        if (request is { Id: > 0 }) entry.PrivacyRequestId = request.Id;
        else entry.PrivacyRequest = request;
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>A new row with the caller's identifiers only (also used by the PII-read writer, which batches its own).</summary>
    public static AuditEntry Entry(Caller caller, AuditOperation operation, long? customerId, AuditOutcome outcome, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new AuditEntry
        {
            OccurredAt = at,
            ActorTenantId = caller.TenantId,
            ActorObjectId = caller.ObjectId,
            Operation = operation,
            CustomerId = customerId,
            Outcome = outcome,
        };
    }
}
