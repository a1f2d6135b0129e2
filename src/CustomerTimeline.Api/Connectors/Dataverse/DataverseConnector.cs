using System.Globalization;
using System.Text.Json;
using CustomerTimeline.Api.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Connectors.Dataverse;

/// <summary>
/// Dataverse contacts, activities (activitypointers) and notes (annotations) by <c>modifiedon</c> watermark:
/// <c>$filter=modifiedon ge W - Overlap</c>, <c>$orderby=modifiedon asc,{id} asc</c>, <c>Prefer: odata.maxpagesize</c>, then
/// <c>@odata.nextLink</c> to the end. Cursor: <see cref="DataverseCursor"/> as JSON. A watermark never shows a
/// deleted row: the <c>deletions</c> stream checks the stored records against Dataverse now and then
/// (<see cref="DataverseDeletionSweep"/>).
/// </summary>
public sealed partial class DataverseConnector(
    IDataverseApi api,
    IOptionsMonitor<DataverseOptions> options,
    IStoredRecordIds stored,
    TimeProvider time,
    ILogger<DataverseConnector> logger) : ISourceConnector, IRemappingConnector
{
    private static readonly DataverseStream[] All = [DataverseStream.Contacts, DataverseStream.Activities, DataverseStream.Notes];
    private static readonly string[] Reads = [.. All.Select(s => s.Name)];
    private static readonly string[] ReadsThenSweep = [.. Reads, DataverseDeletionSweep.StreamName];

    public EventSource Source => EventSource.Dataverse;

    public bool IsConfigured => options.CurrentValue.IsConfigured;

    /// <summary>The sweep last, after the reads it checks.</summary>
    public IReadOnlyList<string> Streams => options.CurrentValue.DeletionSweepInterval > TimeSpan.Zero ? ReadsThenSweep : Reads;

    public async Task<SourcePage> FetchPageAsync(string stream, string? cursor, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        if (!o.IsConfigured)
            throw new InvalidOperationException($"The Dataverse source is not configured (section {DataverseOptions.Section}).");
        if (stream == DataverseDeletionSweep.StreamName && o.DeletionSweepInterval > TimeSpan.Zero)
            return await new DataverseDeletionSweep(api, stored, time, logger).FetchPageAsync(o, cursor, cancellationToken).ConfigureAwait(false);
        var definition = All.FirstOrDefault(s => s.Name == stream)
                         ?? throw new ArgumentException($"Dataverse has no stream '{stream}'.", nameof(stream));
        var position = cursor is null
            ? new DataverseCursor(o.StartAt ?? time.GetUtcNow() - o.InitialLookback, [], null)
            : ConnectorJson.ReadCursor<DataverseCursor>(cursor, stream);

        // A stored watermark is read again from Overlap before it (rows committed late); a first run starts at its bound.
        var from = cursor is null ? position.Watermark : position.Watermark - o.Overlap;
        var query = position.NextLink is { } link ? ContinuationQuery(o, definition, link) : FirstQuery(definition, from);
        var prefer = $"odata.maxpagesize={o.PageSize.ToString(CultureInfo.InvariantCulture)},odata.include-annotations=\"*\"";
        var (rows, nextLink) = await api.PageAsync(time, definition.EntitySet, query, prefer, cancellationToken).ConfigureAwait(false);

        var watermark = position.Watermark;
        var ids = new HashSet<string>(position.Ids, StringComparer.OrdinalIgnoreCase);
        var records = new List<SourceRecord>(rows.Count);
        var skipped = 0;
        foreach (var raw in rows)
        {
            var id = Text(raw, definition.IdColumn);
            var modifiedOn = Modified(raw);
            if (id is not null && modifiedOn is { } m)
            {
                // Read at the watermark already. Rows before it are the overlap's, read again: replays unless late.
                if (m == watermark && ids.Contains(id))
                {
                    skipped++;
                    continue;
                }
                if (m > watermark)
                {
                    watermark = m;
                    ids.Clear();
                }
                if (m == watermark) ids.Add(id);
            }
            records.AddRange(Map(definition, raw));
        }

        var next = new DataverseCursor(watermark, ids.Order(StringComparer.Ordinal).ToList(), nextLink);
        var endOfStream = nextLink is null;
        if (logger.IsEnabled(LogLevel.Information))
        {
            var unmappable = records.Count(r => r is UnmappableRecord);
            LogPage(logger, stream, records.Count, unmappable, skipped, endOfStream);
        }
        return new SourcePage(records, ConnectorJson.Serialize(next), endOfStream);
    }

    public Task<IReadOnlyList<SourceRecord>> RemapAsync(string stream, string payload, CancellationToken cancellationToken) =>
        RawRecords.Remap(Source, stream, payload, All.FirstOrDefault(s => s.Name == stream) is { } definition ? raw => Map(definition, raw) : null);

    private static IEnumerable<SourceRecord> Map(DataverseStream stream, JsonElement raw) => stream.Name switch
    {
        "contacts" => DataverseMapper.MapContact(raw),
        "activities" => [DataverseMapper.MapActivity(raw)],
        _ => [DataverseMapper.MapNote(raw)],
    };

    private static Dictionary<string, string> FirstQuery(DataverseStream stream, DateTimeOffset from)
    {
        var filter = "modifiedon ge " + from.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        if (stream.Filter is not null) filter += " and " + stream.Filter;
        var query = new Dictionary<string, string>
        {
            ["$select"] = stream.Select,
            ["$filter"] = filter,
            ["$orderby"] = $"modifiedon asc,{stream.IdColumn} asc",
        };
        if (stream.Expand is not null) query["$expand"] = stream.Expand;
        return query;
    }

    /// <summary>
    /// A nextLink is only followed to the configured organization and entity set: the bearer token must never
    /// be sent where a tampered cursor or response points.
    /// </summary>
    private Dictionary<string, string> ContinuationQuery(DataverseOptions o, DataverseStream stream, string nextLink)
    {
        // Appended to the base path, as Refit does: an organization behind a path prefix (a proxy, the sandbox) pages too.
        var expected = new Uri(o.BaseUrl!.GetLeftPart(UriPartial.Path).TrimEnd('/') + $"/api/data/v9.2/{stream.EntitySet}");
        if (!Uri.TryCreate(nextLink, UriKind.Absolute, out var link)
            || Uri.Compare(link, expected, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            throw new SourceUnavailableException(Source, SourceFailure.MalformedResponse,
                $"the @odata.nextLink does not point to {stream.EntitySet} of the configured organization.");
        return QueryHelpers.ParseQuery(link.Query).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
    }

    private static string? Text(JsonElement raw, string property) =>
        raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    private static DateTimeOffset? Modified(JsonElement raw) =>
        Text(raw, "modifiedon") is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : null;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Dataverse {Stream}: read {Count} records ({Unmappable} unmappable, {Skipped} already seen skipped), end of stream: {EndOfStream}.")]
    private static partial void LogPage(ILogger logger, string stream, int count, int unmappable, int skipped, bool endOfStream);
}
