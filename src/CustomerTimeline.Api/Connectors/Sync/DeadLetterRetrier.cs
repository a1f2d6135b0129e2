using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Connectors.Sync;

public enum DeadLetterRetryOutcome
{
    NotFound,
    /// <summary>The source's connector is missing or does not implement <see cref="IRemappingConnector"/>.</summary>
    NotRemappable,
    /// <summary>
    /// The letter holds the record as the connector mapped it (no usable identity key, too long an id), not the
    /// source's payload: there is nothing to map again.
    /// </summary>
    MappedRecord,
    /// <summary>The connector had to ask the vendor, which could not answer; the letter is as it was.</summary>
    SourceUnavailable,
    /// <summary>Stored now (or already resolved, or nothing is left to store).</summary>
    Resolved,
    /// <summary>The connector still cannot map it: attempts and reason updated.</summary>
    StillUnmappable,
}

/// <summary>
/// Retries a dead letter: asks the source's connector to map the raw payload again and writes the result through
/// the same page writer as a sync (one transaction, idempotent by record id, stale versions skipped). Scoped.
/// </summary>
public sealed class DeadLetterRetrier(
    TimelineDbContext db, SourcePageWriter writer, IEnumerable<ISourceConnector> connectors, TimeProvider time)
{
    public async Task<DeadLetterRetry> RetryAsync(long id, CancellationToken ct)
    {
        var letter = await db.DeadLetters.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (letter is null) return new(DeadLetterRetryOutcome.NotFound, null);
        if (letter.Resolved) return new(DeadLetterRetryOutcome.Resolved, letter);
        if (connectors.FirstOrDefault(c => c.Source == letter.Source) is not IRemappingConnector remapper)
            return new(DeadLetterRetryOutcome.NotRemappable, letter);
        if (SourcePageWriter.HoldsMappedRecord(letter.Payload)) return new(DeadLetterRetryOutcome.MappedRecord, letter);

        IReadOnlyList<SourceRecord> records;
        try
        {
            records = await remapper.RemapAsync(letter.Stream, letter.Payload, ct);
        }
        catch (Exception e) when (e is SourceUnavailableException or SourceRateLimitedException)
        {
            return new(DeadLetterRetryOutcome.SourceUnavailable, letter, SyncErrors.Describe(e));
        }
#pragma warning disable CA1031 // A mapper crash is one more failed attempt, recorded without its (possibly personal) message.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            records = [new UnmappableRecord(letter.RecordId, letter.LastSeenAt, "Re-mapping failed: " + e.GetType().Name, letter.Payload)];
        }
        // The dead letter is keyed by the id it was stored under; a mapper may only now read the real one.
        records = [.. records.Select(r => r is UnmappableRecord unmappable && unmappable.RecordId != letter.RecordId
            ? unmappable with { RecordId = letter.RecordId }
            : r)];

        if (records.Count > 0) await writer.WriteAsync(letter.Source, letter.Stream, records, commit: null, ct);
        if (records.All(r => r is not UnmappableRecord && r.RecordId != letter.RecordId))
        {
            // Stored under another id, or nothing is left to store (a comment whose ticket was deleted since).
            var now = time.GetUtcNow();
            await db.DeadLetters.Where(d => d.Id == id && !d.Resolved)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Resolved, true).SetProperty(d => d.ResolvedAt, now), ct);
        }

        letter = await db.DeadLetters.AsNoTracking().FirstAsync(d => d.Id == id, ct);
        return new(letter.Resolved ? DeadLetterRetryOutcome.Resolved : DeadLetterRetryOutcome.StillUnmappable, letter);
    }
}

/// <summary>A retry's outcome, the dead letter as it is after it, and what kept the vendor from answering.</summary>
public sealed record DeadLetterRetry(DeadLetterRetryOutcome Outcome, DeadLetter? Letter, string? SourceError = null);
