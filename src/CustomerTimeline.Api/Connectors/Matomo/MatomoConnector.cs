using System.Globalization;
using System.Text.Json;
using CustomerTimeline.Api.Data;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Connectors.Matomo;

/// <summary>
/// Matomo visits through <c>Live.getLastVisitsDetails</c>, oldest last action first. Stream "visits"; cursor:
/// <see cref="MatomoCursor"/> as JSON (<c>{"ts":1717243200,"seen":[812,813]}</c>).
/// </summary>
public sealed partial class MatomoConnector(
    IMatomoApi api,
    IOptionsMonitor<MatomoOptions> options,
    TimeProvider time,
    ILogger<MatomoConnector> logger) : ISourceConnector, IRemappingConnector
{
    public const string VisitsStream = "visits";

    public EventSource Source => EventSource.Matomo;

    public bool IsConfigured => options.CurrentValue.IsConfigured;

    public IReadOnlyList<string> Streams { get; } = [VisitsStream];

    public async Task<SourcePage> FetchPageAsync(string stream, string? cursor, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        if (!o.IsConfigured)
            throw new InvalidOperationException($"The Matomo source is not configured (section {MatomoOptions.Section}).");
        if (stream != VisitsStream) throw new ArgumentException($"Matomo has no stream '{stream}'.", nameof(stream));

        var position = cursor is null
            ? new MatomoCursor((o.StartAt ?? time.GetUtcNow() - o.InitialLookback).ToUnixTimeSeconds(), [])
            : ConnectorJson.ReadCursor<MatomoCursor>(cursor, stream);
        var limit = o.PageSize + position.Seen.Count;
        var form = new Dictionary<string, string>
        {
            ["module"] = "API",
            ["method"] = "Live.getLastVisitsDetails",
            ["idSite"] = o.SiteId!.Value.ToString(CultureInfo.InvariantCulture),
            ["format"] = "JSON",
            // Exclusive bound: minus one second keeps the visits whose last action is exactly at the cursor.
            ["minTimestamp"] = (position.Timestamp - 1).ToString(CultureInfo.InvariantCulture),
            ["filter_limit"] = limit.ToString(CultureInfo.InvariantCulture),
            ["filter_offset"] = "0",
            ["filter_sort_order"] = "asc",
            ["token_auth"] = o.TokenAuth!,
        };

        var rows = await SourceCall.RunAsync(Source, time, async ct =>
        {
            await using var body = await api.CallAsync(form, ct).ConfigureAwait(false);
            // Parsed in pooled buffers, each visit copied out: deserializing the page as one JsonElement copied the
            // whole body (~1.5 MB at 500 visits) onto the large-object heap for every page.
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: ct).ConfigureAwait(false);
            return Rows(document.RootElement);
        }, cancellationToken).ConfigureAwait(false);

        var seen = position.Seen.ToHashSet();
        var records = new List<SourceRecord>(rows.Count);
        var timestamp = position.Timestamp;
        var atTimestamp = new List<long>(position.Seen);
        foreach (var raw in rows)
        {
            // Read once: for the cursor here, and for the mapper.
            var visit = ConnectorJson.ReadRecord<MatomoVisit>(raw, out var error);
            var last = visit is null ? null : MatomoMapper.LastAction(visit);
            if (visit is not null && last == position.Timestamp && seen.Contains(visit.IdVisit)) continue;
            records.Add(MatomoMapper.Map(raw, visit, error));
            if (visit is null || last is not { } ts) continue;
            if (ts > timestamp)
            {
                timestamp = ts;
                atTimestamp.Clear();
            }
            if (ts == timestamp) atTimestamp.Add(visit.IdVisit);
        }

        var next = ConnectorJson.Serialize(new MatomoCursor(timestamp, atTimestamp.Distinct().ToList()));
        var endOfStream = rows.Count < limit;
        if (logger.IsEnabled(LogLevel.Information))
        {
            var unmappable = records.Count(r => r is UnmappableRecord);
            LogPage(logger, records.Count, unmappable, rows.Count - records.Count, endOfStream);
        }
        return new SourcePage(records, next, endOfStream);
    }

    public Task<IReadOnlyList<SourceRecord>> RemapAsync(string stream, string payload, CancellationToken cancellationToken) =>
        RawRecords.Remap(Source, stream, payload, stream == VisitsStream ? raw => [MatomoMapper.Map(raw)] : null);

    private List<JsonElement> Rows(JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Array) return body.EnumerateArray().Select(visit => visit.Clone()).ToList();
        if (body.ValueKind == JsonValueKind.Object
            && body.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.String
            && result.GetString() == "error")
        {
            var message = body.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
            // Matomo refuses a bad token with HTTP 200 and an error object.
            var failure = message.Contains("token_auth", StringComparison.OrdinalIgnoreCase)
                          || message.Contains("access", StringComparison.OrdinalIgnoreCase)
                ? SourceFailure.AuthenticationFailed
                : SourceFailure.HttpError;
            throw new SourceUnavailableException(Source, failure, "Matomo answered an error: " + RawRecords.Excerpt(message, 200));
        }
        throw new SourceUnavailableException(Source, SourceFailure.MalformedResponse,
            "Live.getLastVisitsDetails did not return a JSON array of visits.");
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Matomo visits: read {Count} records ({Unmappable} unmappable, {Skipped} already seen skipped), end of stream: {EndOfStream}.")]
    private static partial void LogPage(ILogger logger, int count, int unmappable, int skipped, bool endOfStream);
}
