using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Live;
using CustomerTimeline.Api.Security;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Privacy;

/// <summary>
/// Erases a person: every row about them goes in one transaction, together with the suppression of their source
/// keys, the completion of the request and its audit row. Erasing again is a no-op that returns the first request.
/// </summary>
public sealed partial class CustomerEraser(
    TimelineDbContext db, AuditLog audit, PiiReadAuditWriter piiReads, IdentityNormalizer normalizer, TimeProvider time,
    ITimelineNotifier notifier, SqliteWriteGate writeGate, ILogger<CustomerEraser> logger)
{
    public async Task<CustomerErasure> EraseAsync(long customerId, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        // Reads still queued or in the journal happened before this erasure: their audit rows go first.
        await piiReads.FlushAsync(cancellationToken);
        var customer = await db.Customers.Where(c => c.Id == customerId)
            .Select(c => new { c.PrimaryEmail, c.Phone })
            .FirstOrDefaultAsync(cancellationToken);
        if (customer is null) return await AlreadyErasedAsync(customerId, caller, cancellationToken);

        // The request is written first, on its own, so that a failed erasure still leaves its trace.
        var request = new PrivacyRequest
        {
            Kind = PrivacyRequestKind.Erasure,
            CustomerId = customerId,
            Status = PrivacyRequestStatus.Requested,
            RequestedAt = time.GetUtcNow(),
            RequestedByTenantId = caller.TenantId,
            RequestedByObjectId = caller.ObjectId,
        };
        db.PrivacyRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);

        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            var erased = await strategy.ExecuteAsync(
                () => EraseInTransactionAsync(customerId, customer.PrimaryEmail, customer.Phone, request, caller, cancellationToken));
            if (erased is { } counts)
            {
                notifier.CustomersRemoved([customerId]);
                return new CustomerErasure(request, AlreadyErased: false, counts.Deleted, counts.Suppressed);
            }
            // Another erasure of this customer committed after the read above: this call repeats it, and its
            // request never took effect.
            db.ChangeTracker.Clear();
            db.PrivacyRequests.Remove(request);
            await db.SaveChangesAsync(CancellationToken.None);
            return await AlreadyErasedAsync(customerId, caller, cancellationToken);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or DbUpdateException or InvalidOperationException or TimeoutException)
        {
            LogEraseFailed(logger, e, request.Id);
            db.ChangeTracker.Clear();
            request.Status = PrivacyRequestStatus.Failed;
            request.CompletedAt = time.GetUtcNow();
            db.PrivacyRequests.Update(request);
            audit.Add(caller, AuditOperation.Erasure, customerId, AuditOutcome.Failed, request);
            await db.SaveChangesAsync(CancellationToken.None);
            throw new GraphQL.ExecutionError($"The erasure failed and nothing was deleted; privacy request {request.Id} is marked failed. Try again.")
            {
                Code = "ERASURE_FAILED",
            };
        }
    }

    /// <summary>A repeated erasure: the first completed request, and an audit row for this call.</summary>
    private async Task<CustomerErasure> AlreadyErasedAsync(long customerId, Caller caller, CancellationToken cancellationToken)
    {
        var previous = await db.PrivacyRequests
            .Where(r => r.CustomerId == customerId && r.Kind == PrivacyRequestKind.Erasure && r.Status == PrivacyRequestStatus.Completed)
            .OrderBy(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (previous is null) throw await CustomerMergedError.OrNotFoundAsync(db, customerId, "erase", "No customer has this id.", cancellationToken);
        audit.Add(caller, AuditOperation.Erasure, customerId, AuditOutcome.Succeeded, previous);
        await db.SaveChangesAsync(cancellationToken);
        return new CustomerErasure(previous, AlreadyErased: true, DeletedRows: 0, SuppressedKeys: 0);
    }

    /// <summary>Null, with nothing written, when the customer was gone by the time this transaction deleted it.</summary>
    private async Task<(int Deleted, int Suppressed)?> EraseInTransactionAsync(
        long customerId, string? primaryEmail, string? phone, PrivacyRequest request, Caller caller, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        db.PrivacyRequests.Attach(request);
        using var turn = await writeGate.EnterAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await SuppressionLock.ForErasureAsync(db, cancellationToken);

        var keys = await db.Identities.Where(i => i.CustomerId == customerId)
            .Select(i => new { i.Kind, i.Value })
            .ToListAsync(cancellationToken);
        var toSuppress = keys.Select(k => (k.Kind, k.Value)).ToList();
        if (IdentityNormalizer.NormalizeEmail(primaryEmail) is { } email) toSuppress.Add((IdentityKind.Email, email));
        if (normalizer.NormalizePhone(phone) is { } e164) toSuppress.Add((IdentityKind.Phone, e164));
        var hashes = toSuppress.Select(k => (k.Kind, Hash: SuppressionList.Hash(k.Kind, k.Value))).Distinct().ToList();

        var hashValues = hashes.Select(h => h.Hash).ToList();
        var existing = (await db.SuppressedIdentities.Where(s => hashValues.Contains(s.ValueHash))
                .Select(s => new { s.Kind, s.ValueHash })
                .ToListAsync(cancellationToken))
            .Select(s => (s.Kind, s.ValueHash)).ToHashSet();
        var now = time.GetUtcNow();
        var added = 0;
        foreach (var (kind, hash) in hashes.Where(h => !existing.Contains(h)))
        {
            db.SuppressedIdentities.Add(new SuppressedIdentity { Kind = kind, ValueHash = hash, SuppressedAt = now, PrivacyRequestId = request.Id });
            added++;
        }

        // Children first; every table that stores rows about a customer must be listed here.
        var deleted = await db.Events.Where(e => e.CustomerId == customerId).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Identities.Where(i => i.CustomerId == customerId).ExecuteDeleteAsync(cancellationToken);
        // The customer's row decides between concurrent erasures: the one whose delete finds it goes on, the others
        // roll back (their deletes found nothing either: the first one's had taken the rows already).
        var customers = await db.Customers.Where(c => c.Id == customerId).ExecuteDeleteAsync(cancellationToken);
        if (customers == 0)
        {
            db.ChangeTracker.Clear();
            return null;
        }
        deleted += customers;

        request.Status = PrivacyRequestStatus.Completed;
        request.CompletedAt = time.GetUtcNow();
        audit.Add(caller, AuditOperation.Erasure, customerId, AuditOutcome.Succeeded, request);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (deleted, added);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Erasure of privacy request {RequestId} failed and was rolled back")]
    private static partial void LogEraseFailed(ILogger logger, Exception exception, long requestId);
}
