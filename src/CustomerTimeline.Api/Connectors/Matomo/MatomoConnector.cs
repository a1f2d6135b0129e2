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

    public const string LateVisitsStream = "late-visits";

    private static readonly string[] VisitsOnly = [VisitsStream];
    private static readonly string[] VisitsThenLate = [VisitsStream, LateVisitsStream];

    public IReadOnlyList<string> Streams => options.CurrentValue.LateVisitsInterval > TimeSpan.Zero ? VisitsThenLate : VisitsOnly;

    public async Task<SourcePage> FetchPageAsync(string stream, string? cursor, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        if (!o.IsConfigured)
            throw new InvalidOperationException($"The Matomo source is not configured (section {MatomoOptions.Section}).");
        if (stream == LateVisitsStream && o.LateVisitsInterval > TimeSpan.Zero)
            return await FetchLateAsync(o, cursor, cancellationToken).ConfigureAwait(false);
        if (stream != VisitsStream) throw new ArgumentException($"Matomo has no stream '{stream}'.", nameof(stream));

        var position = cursor is null
            ? new MatomoCursor((o.StartAt ?? time.GetUtcNow() - o.InitialLookback).ToUnixTimeSeconds(), [])
            : ConnectorJson.ReadCursor<MatomoCursor>(cursor, stream);
        var limit = o.PageSize + position.Seen.Count;
        // Exclusive bound: minus one second keeps the visits whose last action is exactly at the cursor.
        var rows = await ReadAsync(o, position.Timestamp - 1, limit, 0, cancellationToken).ConfigureAwait(false);

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

    /// <summary>
    /// The <c>late-visits</c> stream: every <see cref="MatomoOptions.LateVisitsInterval"/>, the visits whose last action
    /// is within <see cref="MatomoOptions.LateVisitsWindow"/> before the read's start, paged by offset; those stored
    /// already are replays, a late one is new. (A visit that gets an action meanwhile moves past the read's end and
    /// shifts the offsets by one: the visits' own stream has it, and one row may go unread until the next read.)
    /// </summary>
    private async Task<SourcePage> FetchLateAsync(MatomoOptions o, string? cursor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // The first read is an interval after the first sync: what that sync stored is current.
        var position = cursor is null ? new MatomoLateCursor(now, null, 0, 0, 0) : ConnectorJson.ReadCursor<MatomoLateCursor>(cursor, LateVisitsStream);
        if (position.StartedAt is null)
        {
            if (now - position.LastCompletedAt < o.LateVisitsInterval) return new SourcePage([], cursor ?? ConnectorJson.Serialize(position), true);
            position = new MatomoLateCursor(position.LastCompletedAt, now, (now - o.LateVisitsWindow).ToUnixTimeSeconds(), now.ToUnixTimeSeconds(), 0);
        }

        var rows = await ReadAsync(o, position.From - 1, o.PageSize, position.Offset, cancellationToken).ConfigureAwait(false);
        var records = new List<SourceRecord>(rows.Count);
        var reachedEnd = rows.Count < o.PageSize;
        foreach (var raw in rows)
        {
            var visit = ConnectorJson.ReadRecord<MatomoVisit>(raw, out var error);
            if (visit is not null && MatomoMapper.LastAction(visit) >= position.To)
            {
                reachedEnd = true; // the visits' own stream reads from here
                break;
            }
            records.Add(MatomoMapper.Map(raw, visit, error));
        }
        var next = reachedEnd
            ? new MatomoLateCursor(position.StartedAt!.Value, null, 0, 0, 0)
            : position with { Offset = position.Offset + rows.Count };
        if (logger.IsEnabled(LogLevel.Information)) LogLatePage(logger, records.Count, reachedEnd);
        return new SourcePage(records, ConnectorJson.Serialize(next), reachedEnd);
    }

    private async Task<List<JsonElement>> ReadAsync(MatomoOptions o, long minTimestamp, int limit, int offset, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["module"] = "API",
            ["method"] = "Live.getLastVisitsDetails",
            ["idSite"] = o.SiteId!.Value.ToString(CultureInfo.InvariantCulture),
            ["format"] = "JSON",
            ["minTimestamp"] = minTimestamp.ToString(CultureInfo.InvariantCulture),
            ["filter_limit"] = limit.ToString(CultureInfo.InvariantCulture),
            ["filter_offset"] = offset.ToString(CultureInfo.InvariantCulture),
            ["filter_sort_order"] = "asc",
            ["token_auth"] = o.TokenAuth!,
        };
        return await SourceCall.RunAsync(Source, time, async ct =>
        {
            await using var body = await api.CallAsync(form, ct).ConfigureAwait(false);
            // Parsed in pooled buffers, each visit copied out: deserializing the page as one JsonElement copied the
            // whole body (~1.5 MB at 500 visits) onto the large-object heap for every page.
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: ct).ConfigureAwait(false);
            return Rows(document.RootElement);
        }, cancellationToken).ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Matomo late visits: read {Count} records again, done: {Done}.")]
    private static partial void LogLatePage(ILogger logger, int count, bool done);
}
