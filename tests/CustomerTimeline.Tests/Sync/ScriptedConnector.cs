using System.Globalization;
using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Tests.Sync;

/// <summary>
/// An in-memory source: serves scripted pages per stream (cursor "pN" = "after page N"), records every fetch,
/// and can throw or wait before a chosen page, to play rate limits, outages, crashes and slow vendors.
/// </summary>
public sealed class ScriptedConnector(EventSource source, params string[] streams) : ISourceConnector, IRemappingConnector
{
    private readonly Dictionary<string, List<SourceRecord[]>> _pages = streams.ToDictionary(s => s, _ => new List<SourceRecord[]>());
    private readonly List<(string Stream, int Page, Func<Task> Action)> _before = [];
    private readonly Lock _gate = new();

    public EventSource Source => source;
    public bool IsConfigured { get; set; } = true;
    public IReadOnlyList<string> Streams => streams;
    public List<(string Stream, string? Cursor)> Fetches { get; } = [];
    public Func<string, string, SourceRecord>? Remapper { get; set; }

    public ScriptedConnector Page(string stream, params SourceRecord[] records)
    {
        lock (_gate) _pages[stream].Add(records);
        return this;
    }

    public ScriptedConnector Page(params SourceRecord[] records) => Page(streams[0], records);

    /// <summary>Runs <paramref name="action"/> (once) before serving page <paramref name="page"/> (0-based) of the stream.</summary>
    public ScriptedConnector Before(string stream, int page, Func<Task> action)
    {
        lock (_gate) _before.Add((stream, page, action));
        return this;
    }

    public ScriptedConnector ThrowBefore(string stream, int page, Exception exception) =>
        Before(stream, page, () => Task.FromException(exception));

    public async Task<SourcePage> FetchPageAsync(string stream, string? cursor, CancellationToken cancellationToken)
    {
        var index = cursor is null ? 0 : int.Parse(cursor.AsSpan(1), CultureInfo.InvariantCulture);
        Func<Task>? before = null;
        lock (_gate)
        {
            Fetches.Add((stream, cursor));
            var at = _before.FindIndex(b => b.Stream == stream && b.Page == index);
            if (at >= 0)
            {
                before = _before[at].Action;
                _before.RemoveAt(at);
            }
        }
        if (before is not null) await before();

        lock (_gate)
        {
            var pages = _pages[stream];
            if (index >= pages.Count) return new SourcePage([], cursor, EndOfStream: true);
            return new SourcePage(pages[index], "p" + (index + 1).ToString(CultureInfo.InvariantCulture), index + 1 >= pages.Count);
        }
    }

    public Task<IReadOnlyList<SourceRecord>> RemapAsync(string stream, string payload, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SourceRecord>>([Remapper?.Invoke(stream, payload) ?? throw new InvalidOperationException("No remapper scripted.")]);
}
