using System.Globalization;
using System.Text.Json;
using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Connectors.Dataverse;

/// <summary>
/// The <c>deletions</c> stream. A <c>modifiedon</c> watermark never shows a deleted row, so every
/// <see cref="DataverseOptions.DeletionSweepInterval"/> the stored contacts, activities and notes are checked against
/// Dataverse, a batch of ids at a time (<c>$filter={id} eq A or {id} eq B …</c>, <c>$select</c> of the id only): a
/// stored record Dataverse no longer returns comes back as a <see cref="SourceDeletion"/> at the sweep's start, and the
/// writer removes its event and keeps a tombstone. A sweep spreads over runs (<see cref="DataverseOptions.DeletionSweepPagesPerRun"/>
/// batches each) so it never holds the source's lease for long; it needs no change tracking on the tables.
/// </summary>
internal sealed class DataverseDeletionSweep(IDataverseApi api, IStoredRecordIds stored, TimeProvider time)
{
    public const string StreamName = "deletions";

    /// <summary>GUIDs per request: ~45 characters each in the URL, well inside Dataverse's URL limit.</summary>
    internal const int BatchSize = 50;

    private static readonly (DataverseStream Stream, string Prefix)[] Tables =
    [
        (DataverseStream.Contacts, "contact-"),
        (DataverseStream.Activities, "activity-"),
        (DataverseStream.Notes, "note-"),
    ];

    public async Task<SourcePage> FetchPageAsync(DataverseOptions o, string? cursor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // The first sweep is one interval after the first sync: what that sync stored is current.
        var position = cursor is null
            ? new DataverseDeletionCursor(now, null, 0, null, 0)
            : ConnectorJson.ReadCursor<DataverseDeletionCursor>(cursor, StreamName);
        if ((uint)position.Table >= Tables.Length)
            position = position with { Table = 0, After = null }; // not a cursor this sweep wrote: check everything again
        if (position.StartedAt is null)
        {
            if (now - position.LastCompletedAt < o.DeletionSweepInterval)
                return Page([], position with { PagesThisRun = 0 }, endOfStream: true);
            position = position with { StartedAt = now, Table = 0, After = null, PagesThisRun = 0 };
        }
        if (position.PagesThisRun >= o.DeletionSweepPagesPerRun)
            return Page([], position with { PagesThisRun = 0 }, endOfStream: true); // the next run goes on from here

        var (stream, prefix) = Tables[position.Table];
        var startedAt = position.StartedAt.Value;
        var ids = await stored.PageAsync(EventSource.Dataverse, prefix, position.After, startedAt, BatchSize, cancellationToken)
            .ConfigureAwait(false);
        if (ids.Count == 0)
        {
            return position.Table + 1 < Tables.Length
                ? Page([], position with { Table = position.Table + 1, After = null }, endOfStream: false)
                : Page([], new DataverseDeletionCursor(startedAt, null, 0, null, 0), endOfStream: true);
        }

        var rows = ids.Select(id => (Id: id, Row: RowOf(id, prefix))).ToList();
        var existing = await ExistingAsync(stream, [.. rows.Where(r => r.Row is not null).Select(r => r.Row!.Value).Distinct()], cancellationToken)
            .ConfigureAwait(false);
        // A contact's change events ("contact-{id}-change-{time}") all go with it.
        var deleted = rows.Where(r => r.Row is { } row && !existing.Contains(row))
            .Select(r => (SourceRecord)new SourceDeletion(r.Id, startedAt))
            .ToList();
        return Page(deleted, position with { After = ids[^1], PagesThisRun = position.PagesThisRun + 1 }, endOfStream: false);
    }

    /// <summary>The Dataverse row a stored record id stands for; null for one this connector did not write (left alone).</summary>
    internal static Guid? RowOf(string recordId, string prefix) =>
        recordId.Length >= prefix.Length + 36 && Guid.TryParseExact(recordId.AsSpan(prefix.Length, 36), "D", out var row) ? row : null;

    private async Task<HashSet<Guid>> ExistingAsync(DataverseStream stream, IReadOnlyList<Guid> guids, CancellationToken cancellationToken)
    {
        var found = new HashSet<Guid>();
        if (guids.Count == 0) return found;
        var query = new Dictionary<string, string>
        {
            ["$select"] = stream.IdColumn,
            // GUID literals are unquoted in OData v4.
            ["$filter"] = string.Join(" or ", guids.Select(g => $"{stream.IdColumn} eq {g:D}")),
        };
        var prefer = "odata.maxpagesize=" + BatchSize.ToString(CultureInfo.InvariantCulture);
        var page = await SourceCall.RunAsync(EventSource.Dataverse, time, ct => api.QueryAsync(stream.EntitySet, query, prefer, ct), cancellationToken)
            .ConfigureAwait(false);
        if (page.Value is null)
            throw new SourceUnavailableException(EventSource.Dataverse, SourceFailure.MalformedResponse, $"the {stream.EntitySet} page has no 'value' array.");
        foreach (var row in page.Value)
        {
            if (row.ValueKind == JsonValueKind.Object && row.TryGetProperty(stream.IdColumn, out var id)
                && id.ValueKind == JsonValueKind.String && Guid.TryParse(id.GetString(), out var guid))
                found.Add(guid);
        }
        return found;
    }

    private static SourcePage Page(IReadOnlyList<SourceRecord> records, DataverseDeletionCursor next, bool endOfStream) =>
        new(records, ConnectorJson.Serialize(next), endOfStream);
}
