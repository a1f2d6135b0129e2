using CustomerTimeline.Api.Data;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Connectors.Typeform;

/// <summary>
/// Typeform completed responses, one stream per configured form: "responses:{formId}". Cursor:
/// <see cref="TypeformCursor"/> as JSON (<c>{"since":"2024-06-01T00:00:00","after":"a1b2c3"}</c>).
/// </summary>
public sealed partial class TypeformConnector(
    ITypeformApi api,
    IOptionsMonitor<TypeformOptions> options,
    TimeProvider time,
    ILogger<TypeformConnector> logger) : ISourceConnector, IRemappingConnector
{
    public const string StreamPrefix = "responses:";

    public EventSource Source => EventSource.Typeform;

    public bool IsConfigured => options.CurrentValue.IsConfigured;

    public IReadOnlyList<string> Streams => options.CurrentValue.Forms.Select(f => StreamPrefix + f.FormId).ToList();

    public async Task<SourcePage> FetchPageAsync(string stream, string? cursor, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        if (!o.IsConfigured)
            throw new InvalidOperationException($"The Typeform source is not configured (section {TypeformOptions.Section}).");
        var form = FormOf(o, stream) ?? throw new ArgumentException($"Typeform has no stream '{stream}'.", nameof(stream));

        var position = cursor is null
            ? new TypeformCursor((o.StartAt ?? time.GetUtcNow() - o.InitialLookback).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), null)
            : ConnectorJson.ReadCursor<TypeformCursor>(cursor, stream);
        var page = await SourceCall.RunAsync(Source, time, ct => api.ListResponsesAsync(
                form.FormId,
                o.PageSize,
                position.Since,
                position.After,
                // sort cannot be combined with after; before the first token, read oldest first.
                position.After is null ? "submitted_at,asc" : null,
                "completed",
                ct), cancellationToken)
            .ConfigureAwait(false);
        if (page.Items is null)
            throw new SourceUnavailableException(Source, SourceFailure.MalformedResponse, "the responses page has no 'items' array.");

        var records = page.Items.Select(raw => TypeformMapper.Map(raw, form)).ToList();
        var (lastToken, settledToken) = Tokens(page.Items, time.GetUtcNow() - o.SettleWindow);
        if (page.Items.Count > 0 && lastToken is null)
            throw new SourceUnavailableException(Source, SourceFailure.MalformedResponse,
                "the last response of the page has no token to continue after.");
        var endOfStream = page.Items.Count == 0 || page.Items.Count < o.PageSize || page.PageCount is <= 1;
        // Past the settled responses only; a full page of recent ones is passed whole, or the run would not move.
        var after = settledToken ?? (endOfStream ? position.After : lastToken);
        var next = ConnectorJson.Serialize(position with { After = after });
        if (logger.IsEnabled(LogLevel.Information))
        {
            var unmappable = records.Count(r => r is UnmappableRecord);
            LogPage(logger, form.FormId, records.Count, unmappable, endOfStream);
        }
        return new SourcePage(records, next, endOfStream);
    }

    /// <summary>
    /// The last response's token, and the token of the last response before the first one submitted after
    /// <paramref name="settledBefore"/> (null when the page starts with a recent one).
    /// </summary>
    private static (string? Last, string? Settled) Tokens(IReadOnlyList<System.Text.Json.JsonElement> items, DateTimeOffset settledBefore)
    {
        string? last = null, settled = null;
        var recent = false;
        foreach (var raw in items)
        {
            var response = ConnectorJson.ReadRecord<TypeformResponse>(raw, out _);
            last = response is null ? null : response.Token ?? response.ResponseId;
            recent |= response?.SubmittedAt is { } submitted && submitted > settledBefore;
            if (!recent) settled = last;
        }
        return (last, settled);
    }

    /// <summary>Maps a stored response with its form's settings as they are now (a fixed score field ref, say).</summary>
    public Task<IReadOnlyList<SourceRecord>> RemapAsync(string stream, string payload, CancellationToken cancellationToken) =>
        RawRecords.Remap(Source, stream, payload, FormOf(options.CurrentValue, stream) is { } form ? raw => [TypeformMapper.Map(raw, form)] : null);

    private static TypeformFormOptions? FormOf(TypeformOptions o, string stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return stream.StartsWith(StreamPrefix, StringComparison.Ordinal)
            ? o.Forms.FirstOrDefault(f => f.FormId == stream[StreamPrefix.Length..])
            : null;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Typeform form {FormId}: read {Count} responses ({Unmappable} unmappable), end of stream: {EndOfStream}.")]
    private static partial void LogPage(ILogger logger, string formId, int count, int unmappable, bool endOfStream);
}
