using System.Diagnostics.Metrics;
using CustomerTimeline.Api.Telemetry;

namespace CustomerTimeline.Tests.Infrastructure;

/// <summary>
/// Records the API's own measurements (instrument, value, tags) while it lives. The meter is process-wide, so tests
/// running beside the one that listens add theirs too: assert on what the test itself caused.
/// </summary>
public sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<Measurement> _measurements = [];

    public MeterRecorder(string instrumentPrefix = "")
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TimelineTelemetry.Name && instrument.Name.StartsWith(instrumentPrefix, StringComparison.Ordinal))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
    {
        public string? Tag(string key) => Tags.TryGetValue(key, out var value) ? value as string : null;
    }

    public IReadOnlyList<Measurement> Snapshot()
    {
        lock (_measurements) return [.. _measurements];
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(tags.Length);
        foreach (var tag in tags) copy[tag.Key] = tag.Value;
        lock (_measurements) _measurements.Add(new(instrument.Name, value, copy));
    }
}
