using System.Text.Json;
using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Api.Live;
using CustomerTimeline.Api.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Connectors.Sync;

/// <summary>Where a page leaves a stream: stored with the page, in its transaction. Null for a dead-letter retry.</summary>
public sealed record PageCommit(string Stream, string? NextCursor, bool EndOfStream, string LeaseOwner);

/// <summary>
/// Writes one page of source records in ONE transaction: identities resolved (and customers merged), events
/// upserted by (Source, SourceRecordId) unless the stored copy is as new or newer, deletions applied (with a
/// tombstone so an older replay cannot resurrect the event), unmappable records dead-lettered, the lease renewed
/// (the fence: a run that lost its lease cannot commit) and the stream's cursor and counts saved.
/// A unique-key clash with a concurrent writer (another source's run creating the same key) rolls the page back
/// and writes it again from scratch. Scoped: one per run or request, on its DbContext.
/// </summary>
public sealed partial class SourcePageWriter(
    TimelineDbContext db,
    IdentityResolver resolver,
    ISuppressionList suppression,
    TimeProvider time,
    IOptions<SyncOptions> options,
    CustomerInsights insights,
    ITimelineNotifier notifier,
    SqliteWriteGate writeGate,
    ILogger<SourcePageWriter> logger)
{
    private const int MaxAttempts = 3;
    private const int MaxRecordIdLength = 128;
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// When set (by the sync runner), a page does not recompute its customers' insights in its transaction: it marks
    /// their summaries stale (durable: the background worker recomputes stale summaries) and the runner refreshes
    /// each touched customer once per run. A customer spread over many pages is then computed once, not per page.
    /// </summary>
    public bool DeferInsights { get; set; }

    public async Task<PageCounts> WriteAsync(
        EventSource source, string stream, IReadOnlyList<SourceRecord> records, PageCommit? commit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(records);
        var prepared = await PrepareAsync(records, ct);
        // Replayable: a page lost to a power cut is lost with its cursor, and read again.
        await using var relaxed = await ReplayableWrites.BeginAsync(db, ct);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async token =>
        {
            for (var attempt = 1; ; attempt++)
            {
                db.ChangeTracker.Clear();
                using var turn = await writeGate.EnterAsync(db, token);
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                try
                {
                    var counts = await WriteCoreAsync(source, stream, prepared, records.Count, commit, token);
                    // Scores, journey aggregates and signals move with the data in the same transaction, or are
                    // marked stale in it when the refresh is deferred.
                    if (counts.ChangedCustomers.Count > 0)
                    {
                        if (DeferInsights) await CustomerInsights.MarkStaleAsync(db, counts.ChangedCustomers, token);
                        else await insights.RefreshAsync(db, counts.ChangedCustomers, token);
                    }
                    await transaction.CommitAsync(token);
                    turn.Dispose(); // the next writer goes now, not after the notices
                    // After commit only: subscribers must never see an event that a rollback then takes away. When
                    // deferred, the runner announces the updated customers once their insights are refreshed.
                    notifier.Published(counts.AddedEvents, DeferInsights ? [] : counts.ChangedCustomers);
                    if (counts.RemovedCustomers.Count > 0) notifier.CustomersRemoved(counts.RemovedCustomers);
                    return counts;
                }
                catch (DbUpdateException) when (attempt < MaxAttempts)
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                    LogConflictRetry(logger, source, stream, attempt);
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }
        }, ct);
    }

    /// <summary>Outside the transaction: the latest version of each record id, keys normalized, suppression checked.</summary>
    private async Task<Prepared> PrepareAsync(IReadOnlyList<SourceRecord> records, CancellationToken ct)
    {
        var latest = new Dictionary<string, (SourceRecord Record, int Order)>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (!latest.TryGetValue(r.RecordId, out var seen) || r.UpdatedAt >= seen.Record.UpdatedAt)
                latest[r.RecordId] = (r, i);
        }
        var duplicates = records.Count - latest.Count;

        var ordered = latest.Values.OrderBy(v => v.Order).Select(v => v.Record).ToList();
        var keysOf = ordered.Select(record => record switch
        {
            SourcePerson p => resolver.NormalizeKeys(p.Keys, p.Email, p.Phone),
            SourceEvent e => resolver.NormalizeKeys(e.Keys),
            _ => (IReadOnlyList<NormalizedKey>)[],
        }).ToList();
        // One suppression look-up for every key of the page, checked again in the transaction (RecheckAsync).
        var version = await suppression.VersionAsync(ct);
        var suppressedKeys = await suppression.FindSuppressedAsync(keysOf.SelectMany(k => k), ct);

        var items = new List<Item>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var record = ordered[i];
            var profile = record is SourcePerson person ? resolver.ProfileOf(person) : null;
            // Serialized here, outside the write lock: it was most of the page's in-memory work under it.
            var details = record is SourceEvent e ? e.Details.ToJson() : null;
            items.Add(new Item(record, keysOf[i], keysOf[i].Any(suppressedKeys.Contains), profile, details));
        }
        return new Prepared(items, duplicates, version);
    }

    /// <summary>
    /// In the transaction: an erasure committed since the page's look-up suppressed keys it did not see, and
    /// writing the page as prepared would bring the erased person back. Nothing commits between this check and the
    /// page's own commit: SQLite serializes writers, and on SQL Server the page holds <see cref="SuppressionLock"/>.
    /// </summary>
    private async Task<Prepared> RecheckAsync(Prepared page, CancellationToken ct)
    {
        if (await suppression.VersionAsync(ct) == page.SuppressionVersion) return page;
        var suppressedKeys = await suppression.FindSuppressedAsync(page.Items.SelectMany(i => i.Keys), ct);
        return page with { Items = [.. page.Items.Select(i => i with { Suppressed = i.Keys.Any(suppressedKeys.Contains) })] };
    }

    private async Task<PageCounts> WriteCoreAsync(
        EventSource source, string stream, Prepared page, int recordCount, PageCommit? commit, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (commit is not null &&
            !await SyncLeases.RenewAsync(db, source, commit.LeaseOwner, now, options.Value.LeaseDuration, ct))
            throw new SyncLeaseLostException();
        await SuppressionLock.ForPageAsync(db, ct);
        page = await RecheckAsync(page, ct);

        // Id lists go as one JSON parameter: SQLite finds each named parameter by a linear scan, so a page of
        // 1,000 ids bound one parameter each cost a million comparisons per look-up (half of a Zendesk page's write).
        var ids = page.Items.Select(i => i.Record.RecordId).Where(id => id.Length <= MaxRecordIdLength).ToList();
        var events = await db.Events.AsTracking()
            .Where(e => e.Source == source && EF.Parameter(ids).Contains(e.SourceRecordId))
            .ToDictionaryAsync(e => e.SourceRecordId, StringComparer.Ordinal, ct);
        // A source with no tombstones or no dead letters (every first sync, most clean ones) skips looking up each
        // id in them: one probe of the index's first column instead (~2.5 ms a page in the bench's ingestion).
        var tombstones = await db.SourceTombstones.AnyAsync(t => t.Source == source, ct)
            ? await db.SourceTombstones.AsTracking()
                .Where(t => t.Source == source && EF.Parameter(ids).Contains(t.SourceRecordId))
                .ToDictionaryAsync(t => t.SourceRecordId, StringComparer.Ordinal, ct)
            : new Dictionary<string, SourceTombstone>(StringComparer.Ordinal);
        var allIds = page.Items.Select(i => LetterId(i.Record.RecordId)).Distinct().ToList();
        var deadLetters = await db.DeadLetters.AnyAsync(d => d.Source == source && d.Stream == stream, ct)
            ? await db.DeadLetters.AsTracking()
                .Where(d => d.Source == source && d.Stream == stream && EF.Parameter(allIds).Contains(d.RecordId))
                .ToDictionaryAsync(d => d.RecordId, StringComparer.Ordinal, ct)
            : new Dictionary<string, DeadLetter>(StringComparer.Ordinal);

        // The events whose parent this page deletes (a deleted ticket's comments), from the filtered parent index.
        var deletedIds = page.Items.Where(i => i.Record is SourceDeletion && !i.Suppressed).Select(i => i.Record.RecordId).ToList();
        var children = (deletedIds.Count == 0 ? [] : await db.Events.AsTracking()
                .Where(e => e.Source == source && e.ParentRecordId != null && EF.Parameter(deletedIds).Contains(e.ParentRecordId))
                .ToListAsync(ct))
            .ToLookup(e => e.ParentRecordId!, StringComparer.Ordinal);
        var moved = new List<(string Parent, Customer To)>();

        var identities = resolver.BeginPage(db, source);
        var handles = new int[page.Items.Count];
        for (var i = 0; i < page.Items.Count; i++)
        {
            var item = page.Items[i];
            handles[i] = item.Suppressed || item.Keys.Count == 0 || item.Record.RecordId.Length > MaxRecordIdLength
                ? -1
                : identities.Add(item.Record.RecordId, item.Keys, item.Profile);
        }
        if (handles.Any(h => h >= 0)) await identities.ResolveAsync(ct);

        int inserted = 0, updated = 0, deleted = 0, people = 0, duplicates = page.Duplicates, deadLettered = 0, suppressed = 0;
        var touched = new List<Customer>();
        var removedFrom = new HashSet<long>();
        var added = new List<TimelineEvent>();
        for (var i = 0; i < page.Items.Count; i++)
        {
            var item = page.Items[i];
            var handle = handles[i];
            var record = item.Record;
            var id = record.RecordId;
            if (record is UnmappableRecord unmappable)
            {
                DeadLetter(deadLetters, source, stream, id, unmappable.Reason, unmappable.Payload, now);
                deadLettered++;
                continue;
            }
            if (id.Length > MaxRecordIdLength)
            {
                DeadLetter(deadLetters, source, stream, id, "Record id longer than 128 characters", Serialize(record), now);
                deadLettered++;
                continue;
            }
            if (item.Suppressed)
            {
                suppressed++;
                Resolve(deadLetters, id, now);
                continue;
            }

            switch (record)
            {
                case SourceDeletion deletion:
                    var alive = events.TryGetValue(deletion.RecordId, out var gone) && gone.SourceUpdatedAt > deletion.UpdatedAt;
                    if (gone is not null) removedFrom.Add(gone.CustomerId);
                    if (Delete(source, deletion, events, tombstones)) deleted++;
                    else duplicates++;
                    if (!alive) deleted += DeleteChildren(source, deletion, children[deletion.RecordId], events, tombstones, removedFrom);
                    break;
                case SourcePerson or SourceEvent when handle < 0:
                    DeadLetter(deadLetters, source, stream, id, "No usable identity key", Serialize(record), now);
                    deadLettered++;
                    continue;
                case SourcePerson:
                    if (identities.Changed(handle))
                    {
                        people++;
                        touched.Add(identities.CustomerFor(handle));
                    }
                    else
                    {
                        duplicates++;
                    }
                    break;
                case SourceEvent sourceEvent:
                    var customer = identities.CustomerFor(handle);
                    var before = events.GetValueOrDefault(sourceEvent.RecordId)?.CustomerId;
                    switch (Upsert(source, sourceEvent, item.DetailsJson!, customer, events, tombstones))
                    {
                        case Change.Inserted:
                            inserted++;
                            touched.Add(customer);
                            added.Add(events[sourceEvent.RecordId]);
                            break;
                        case Change.Updated:
                            updated++;
                            touched.Add(customer);
                            // Moved to another customer (a ticket's requester changed): it leaves the first, its
                            // children follow it.
                            if (before is { } from && from != customer.Id)
                            {
                                removedFrom.Add(from);
                                moved.Add((sourceEvent.RecordId, customer));
                            }
                            break;
                        default: duplicates++; break;
                    }
                    break;
                default:
                    DeadLetter(deadLetters, source, stream, id, "Unknown record type " + record.GetType().Name, Serialize(record), now);
                    deadLettered++;
                    continue;
            }
            Resolve(deadLetters, id, now);
        }

        if (commit is not null)
            await AdvanceAsync(source, commit, page, recordCount, duplicates, deadLettered, now, ct);

        await db.SaveChangesAsync(ct);
        await InsertNewAsync(added, ct);
        foreach (var (parent, to) in moved) await MoveChildrenAsync(source, parent, to.Id, removedFrom, ct);
        await identities.CompleteMergesAsync(ct);
        // Ids are known now; a merged-away customer's id is skipped by the insights refresh.
        var changed = touched.Select(c => c.Id).Concat(removedFrom).Concat(identities.SurvivorIds).ToHashSet();
        return new PageCounts(recordCount, inserted, updated, deleted, people, duplicates, deadLettered, suppressed,
            identities.CreatedCustomers, identities.MergedCustomers)
        {
            ChangedCustomers = changed,
            AddedEvents = added.Select(e => (e.Customer?.Id ?? e.CustomerId, e.Id)).ToList(),
            RemovedCustomers = identities.MergedAwayIds.ToList(),
        };
    }

    private Change Upsert(EventSource source, SourceEvent record, string detailsJson, Customer customer,
        Dictionary<string, TimelineEvent> events, Dictionary<string, SourceTombstone> tombstones)
    {
        if (tombstones.TryGetValue(record.RecordId, out var tombstone))
        {
            if (tombstone.DeletedAt >= record.UpdatedAt) return Change.None; // deleted after this version
            db.SourceTombstones.Remove(tombstone); // re-created at the source
            tombstones.Remove(record.RecordId);
        }

        if (events.TryGetValue(record.RecordId, out var existing))
        {
            if (existing.SourceUpdatedAt > record.UpdatedAt) return Change.None; // stale
            // The same version read again: a replay, unless this version of the connector maps it differently (an
            // upgrade that reads more of the record re-reads its streams to correct what the old mapping stored).
            if (existing.SourceUpdatedAt == record.UpdatedAt && SameMapping(record, detailsJson, existing)) return Change.None;
            Map(record, detailsJson, existing);
            // The text may have changed: the insights refresh analyzes events without intents, so these go back
            // to not analyzed (sentiment too: the new text may carry none).
            existing.Intents = null;
            existing.Sentiment = null;
            existing.Urgent = false;
            // By key: a customer this page created is not tracked (it was inserted with its own statement).
            existing.CustomerId = customer.Id;
            return Change.Updated;
        }

        var created = new TimelineEvent
        {
            Customer = customer,
            Source = source,
            SourceRecordId = record.RecordId,
            Title = "",
            Details = "",
        };
        Map(record, detailsJson, created);
        events[record.RecordId] = created; // inserted by InsertNewAsync, once its customer has an id
        return Change.Inserted;
    }

    /// <summary>
    /// New events go in through one prepared INSERT (most of a page's rows; EF built and prepared a statement per
    /// event), after SaveChanges gave new customers their ids and before merges move events to the survivors.
    /// </summary>
    private async Task InsertNewAsync(List<TimelineEvent> added, CancellationToken ct)
    {
        if (added.Count == 0) return;
        using var insert = RowCommand.Insert(db, typeof(TimelineEvent), includeKey: false, returnKey: true);
        foreach (var e in added)
        {
            e.CustomerId = e.Customer!.Id;
            // A clash with a concurrent writer of the same (Source, SourceRecordId) is a DbUpdateException: the
            // page is written again, as for SaveChanges.
            e.Id = await insert.InsertAsync(e, ct);
        }
    }

    private static bool SameMapping(SourceEvent record, string detailsJson, TimelineEvent e) =>
        e.Kind == record.Kind && e.OccurredAt == record.OccurredAt && e.Channel == record.Channel
        && e.Title == Title(record) && e.Summary == record.Summary && e.Details == detailsJson && e.ParentRecordId == record.ParentRecordId;

    private static string Title(SourceEvent record) => record.Title.Length <= 400 ? record.Title : record.Title[..400];

    private static void Map(SourceEvent record, string detailsJson, TimelineEvent e)
    {
        e.Kind = record.Kind;
        e.OccurredAt = record.OccurredAt;
        e.Channel = record.Channel;
        e.Title = Title(record);
        e.Summary = record.Summary;
        e.Details = detailsJson;
        e.ParentRecordId = record.ParentRecordId;
        e.SourceUpdatedAt = record.UpdatedAt;
    }

    /// <summary>Removes the event unless it is newer than the deletion; keeps a tombstone either way.</summary>
    private bool Delete(EventSource source, SourceDeletion deletion,
        Dictionary<string, TimelineEvent> events, Dictionary<string, SourceTombstone> tombstones)
    {
        var removed = false;
        if (events.TryGetValue(deletion.RecordId, out var existing))
        {
            if (existing.SourceUpdatedAt > deletion.UpdatedAt) return false; // re-created after this deletion
            db.Events.Remove(existing);
            events.Remove(deletion.RecordId);
            removed = true;
        }

        if (tombstones.TryGetValue(deletion.RecordId, out var tombstone))
        {
            if (tombstone.DeletedAt < deletion.UpdatedAt) tombstone.DeletedAt = deletion.UpdatedAt;
        }
        else
        {
            tombstone = new SourceTombstone { Source = source, SourceRecordId = deletion.RecordId, DeletedAt = deletion.UpdatedAt };
            db.SourceTombstones.Add(tombstone);
            tombstones[deletion.RecordId] = tombstone;
            // A deletion of a record never stored is new information (it blocks older replays), not a duplicate.
            removed = true;
        }
        return removed;
    }

    /// <summary>
    /// The children of a deleted record leave with it (a deleted or now internal ticket's comments), each with a
    /// tombstone at the parent's deletion so a replay cannot bring it back; returns how many left.
    /// </summary>
    private int DeleteChildren(EventSource source, SourceDeletion deletion, IEnumerable<TimelineEvent> children,
        Dictionary<string, TimelineEvent> events, Dictionary<string, SourceTombstone> tombstones, HashSet<long> removedFrom)
    {
        var count = 0;
        foreach (var child in children)
        {
            if (child.SourceUpdatedAt > deletion.UpdatedAt || db.Entry(child).State == EntityState.Deleted) continue;
            removedFrom.Add(child.CustomerId);
            if (Delete(source, new SourceDeletion(child.SourceRecordId, deletion.UpdatedAt), events, tombstones)) count++;
            if (db.Entry(child).State != EntityState.Deleted) db.Events.Remove(child); // not in this page's records
        }
        return count;
    }

    /// <summary>The children of an event that moved to another customer follow it there.</summary>
    private async Task MoveChildrenAsync(EventSource source, string parent, long to, HashSet<long> removedFrom, CancellationToken ct)
    {
        var from = await db.Events.Where(e => e.Source == source && e.ParentRecordId == parent && e.CustomerId != to)
            .Select(e => e.CustomerId).Distinct().ToListAsync(ct);
        if (from.Count == 0) return;
        removedFrom.UnionWith(from);
        await db.Events.Where(e => e.Source == source && e.ParentRecordId == parent && e.CustomerId != to)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.CustomerId, to), ct);
    }

    private void DeadLetter(Dictionary<string, DeadLetter> deadLetters, EventSource source, string stream, string id,
        string reason, string payload, DateTimeOffset now)
    {
        reason = reason.Length <= 500 ? reason : reason[..500];
        id = LetterId(id);
        if (deadLetters.TryGetValue(id, out var letter))
        {
            letter.Reason = reason;
            letter.Payload = payload;
            letter.LastSeenAt = now;
            letter.Attempts++;
            letter.Resolved = false;
            letter.ResolvedAt = null;
            return;
        }
        letter = new DeadLetter
        {
            Source = source,
            Stream = stream,
            RecordId = id,
            Reason = reason,
            Payload = payload,
            FirstSeenAt = now,
            LastSeenAt = now,
            Attempts = 1,
        };
        db.DeadLetters.Add(letter);
        deadLetters[id] = letter;
    }

    private static string LetterId(string id) => id.Length <= MaxRecordIdLength ? id : id[..MaxRecordIdLength];

    private static void Resolve(Dictionary<string, DeadLetter> deadLetters, string id, DateTimeOffset now)
    {
        if (deadLetters.TryGetValue(LetterId(id), out var letter) && !letter.Resolved)
        {
            letter.Resolved = true;
            letter.ResolvedAt = now;
        }
    }

    private async Task AdvanceAsync(EventSource source, PageCommit commit, Prepared page, int records, int duplicates,
        int deadLettered, DateTimeOffset now, CancellationToken ct)
    {
        var state = await db.SyncStates.AsTracking()
            .SingleAsync(s => s.Source == source && s.Stream == commit.Stream, ct);
        if (commit.NextCursor is not null) state.Cursor = commit.NextCursor;
        var newest = page.Items.Count == 0 ? (DateTimeOffset?)null : page.Items.Max(i => i.Record.UpdatedAt);
        if (newest is not null && (state.HighWatermark is null || newest > state.HighWatermark)) state.HighWatermark = newest;
        if (commit.EndOfStream) state.CaughtUpAt = now;
        state.LastRunPages++;
        state.LastRunRecords += records;
        state.LastRunDuplicatesSkipped += duplicates;
        state.LastRunDeadLettered += deadLettered;
        state.TotalRecords += records;
        state.TotalDuplicatesSkipped += duplicates;
        state.TotalDeadLettered += deadLettered;
    }

    private static string Serialize(SourceRecord record) => JsonSerializer.Serialize(record, record.GetType(), PayloadJson);

    /// <summary>
    /// Whether a dead letter's payload is a record as <see cref="Serialize"/> wrote it (no usable identity key, too long
    /// an id), not the source's own payload, which no vendor's record shape matches (none has a recordId).
    /// </summary>
    public static bool HoldsMappedRecord(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                   && root.TryGetProperty("recordId", out var id) && id.ValueKind == JsonValueKind.String
                   && root.TryGetProperty("updatedAt", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync {Source}/{Stream}: page hit a concurrent write (attempt {Attempt}); writing it again")]
    private static partial void LogConflictRetry(ILogger logger, EventSource source, string stream, int attempt);

    private enum Change
    {
        None,
        Inserted,
        Updated,
    }

    private sealed record Item(SourceRecord Record, IReadOnlyList<NormalizedKey> Keys, bool Suppressed, PersonProfile? Profile, string? DetailsJson);

    private sealed record Prepared(IReadOnlyList<Item> Items, int Duplicates, long SuppressionVersion);
}
