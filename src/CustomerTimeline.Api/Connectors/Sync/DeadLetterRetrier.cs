using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Connectors.Sync;

public enum DeadLetterRetryOutcome
{
    NotFound,
    /// <summary>The source's connector is missing or does not implement <see cref="IRemappingConnector"/>.</summary>
    NotRemappable,
    /// <summary>Stored now (or already resolved).</summary>
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
    public async Task<(DeadLetterRetryOutcome Outcome, DeadLetter? Letter)> RetryAsync(long id, CancellationToken ct)
    {
        var letter = await db.DeadLetters.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (letter is null) return (DeadLetterRetryOutcome.NotFound, null);
        if (letter.Resolved) return (DeadLetterRetryOutcome.Resolved, letter);
        if (connectors.FirstOrDefault(c => c.Source == letter.Source) is not IRemappingConnector remapper)
            return (DeadLetterRetryOutcome.NotRemappable, letter);

        SourceRecord record;
        try
        {
            record = remapper.Remap(letter.Stream, letter.Payload);
        }
#pragma warning disable CA1031 // A mapper crash is one more failed attempt, recorded without its (possibly personal) message.
        catch (Exception e)
#pragma warning restore CA1031
        {
            record = new UnmappableRecord(letter.RecordId, letter.LastSeenAt, "Re-mapping failed: " + e.GetType().Name, letter.Payload);
        }
        // The dead letter is keyed by the id it was stored under; a mapper may only now read the real one.
        if (record is UnmappableRecord unmappable && unmappable.RecordId != letter.RecordId)
            record = unmappable with { RecordId = letter.RecordId };

        await writer.WriteAsync(letter.Source, letter.Stream, [record], commit: null, ct);
        if (record is not UnmappableRecord && record.RecordId != letter.RecordId)
        {
            var now = time.GetUtcNow();
            await db.DeadLetters.Where(d => d.Id == id && !d.Resolved)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Resolved, true).SetProperty(d => d.ResolvedAt, now), ct);
        }

        letter = await db.DeadLetters.AsNoTracking().FirstAsync(d => d.Id == id, ct);
        return (letter.Resolved ? DeadLetterRetryOutcome.Resolved : DeadLetterRetryOutcome.StillUnmappable, letter);
    }
}
