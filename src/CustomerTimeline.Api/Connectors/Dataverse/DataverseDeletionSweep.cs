using System.Globalization;
using System.Net;
using System.Text.Json;
using CustomerTimeline.Api.Data;
using Refit;

namespace CustomerTimeline.Api.Connectors.Dataverse;

/// <summary>
/// The <c>deletions</c> stream. A <c>modifiedon</c> watermark never shows a deleted row, so every
/// <see cref="DataverseOptions.DeletionSweepInterval"/> the stored contacts, activities and notes are checked against
/// Dataverse, a batch of ids at a time (<c>$filter={id} eq A or {id} eq B …</c>, <c>$select</c> of the id only): a
/// stored record Dataverse no longer returns comes back as a <see cref="SourceDeletion"/> at the sweep's start, and the
/// writer removes its event and keeps a tombstone. A sweep spreads over runs (<see cref="DataverseOptions.DeletionSweepPagesPerRun"/>
/// batches each) so it never holds the source's lease for long; it needs no change tracking on the tables.
/// A query also leaves out the rows the application user may no longer read (a security role's scope, an owner,
/// team or business unit that changed), so each row the batch left out is asked for by id, and only "does not
/// exist" counts as a deletion.
/// </summary>
internal sealed partial class DataverseDeletionSweep(IDataverseApi api, IStoredRecordIds stored, TimeProvider time, ILogger logger)
{
    /// <summary>Dataverse's ObjectDoesNotExist, as a 404's error code: the row is gone, not hidden or misaddressed.</summary>
    internal const string DoesNotExistCode = "0x80040217";

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
        var gone = await GoneAsync(stream, [.. rows.Where(r => r.Row is { } row && !existing.Contains(row)).Select(r => r.Row!.Value).Distinct()],
            cancellationToken).ConfigureAwait(false);
        // A contact's change events ("contact-{id}-change-{time}") all go with it.
        var deleted = rows.Where(r => r.Row is { } row && gone.Contains(row))
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
        var (rows, _) = await api.PageAsync(time, stream.EntitySet, query, prefer, cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            if (row.ValueKind == JsonValueKind.Object && row.TryGetProperty(stream.IdColumn, out var id)
                && id.ValueKind == JsonValueKind.String && Guid.TryParse(id.GetString(), out var guid))
                found.Add(guid);
        }
        return found;
    }

    /// <summary>
    /// The rows of <paramref name="missing"/> that do not exist. Readable after all (200) or not readable (403): kept,
    /// as nothing says they were deleted. Any other answer fails the run, which removes nothing.
    /// </summary>
    private async Task<HashSet<Guid>> GoneAsync(DataverseStream stream, IReadOnlyList<Guid> missing, CancellationToken cancellationToken)
    {
        var gone = new HashSet<Guid>();
        var unreadable = 0;
        foreach (var guid in missing)
        {
            var status = await SourceCall.RunAsync(EventSource.Dataverse, time, async ct =>
            {
                using var answer = await api.RetrieveAsync(stream.EntitySet, guid, stream.IdColumn, ct).ConfigureAwait(false);
                if (answer.IsSuccessStatusCode) return HttpStatusCode.OK;
                var error = answer.Error as ApiException;
                return answer.StatusCode == HttpStatusCode.Forbidden
                       || (answer.StatusCode == HttpStatusCode.NotFound && ErrorCode(error?.Content) == DoesNotExistCode)
                    ? answer.StatusCode.Value
                    : throw (Exception?)answer.Error ?? new HttpRequestException("Dataverse gave no answer to a retrieve by id.");
            }, cancellationToken).ConfigureAwait(false);
            if (status == HttpStatusCode.NotFound) gone.Add(guid);
            else if (status == HttpStatusCode.Forbidden) unreadable++;
        }
        if (unreadable > 0) LogUnreadable(logger, unreadable, stream.EntitySet);
        return gone;
    }

    /// <summary>The OData error's code (<c>{"error":{"code":"0x80040217",…}}</c>); null when the body is not one.</summary>
    internal static string? ErrorCode(string? body)
    {
        if (string.IsNullOrEmpty(body)) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                   && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                ? code.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Dataverse deletions: {Count} stored {EntitySet} rows are no longer readable by the application user (403) and were kept; grant it read access to check them.")]
    private static partial void LogUnreadable(ILogger logger, int count, string entitySet);

    private static SourcePage Page(IReadOnlyList<SourceRecord> records, DataverseDeletionCursor next, bool endOfStream) =>
        new(records, ConnectorJson.Serialize(next), endOfStream);
}
