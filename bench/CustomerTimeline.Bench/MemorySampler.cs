namespace CustomerTimeline.Bench;

/// <summary>
/// Samples the API process's working set every 50 ms while the query phases run, and what each peak was made of
/// (read when a sample sets a new peak).
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Func<long> _workingSet;
    private readonly Func<RssParts?> _parts;
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private volatile bool _serving;
    private long _servingPeak;
    private long _phasePeak;
    private RssParts? _servingPeakParts;
    private RssParts? _phasePeakParts;

    public MemorySampler(Func<long> workingSet, Func<RssParts?>? parts = null)
    {
        _workingSet = workingSet;
        _parts = parts ?? (() => null);
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
    }

    public double ServingStartMb { get; private set; }

    public double ServingPeakMb
    {
        get
        {
            lock (_gate) return _servingPeak / 1048576.0;
        }
    }

    /// <summary>What the serving peak was made of; null where /proc cannot tell.</summary>
    public RssParts? ServingPeakParts
    {
        get
        {
            lock (_gate) return _servingPeakParts;
        }
    }

    public double CurrentMb => _workingSet() / 1048576.0;

    /// <summary>The highest sample since the last call (the phase's, warm-up included) and its parts, starting the next phase's.</summary>
    public (double Mb, RssParts? Parts) TakePhasePeak()
    {
        Sample();
        lock (_gate)
        {
            var peak = (_phasePeak / 1048576.0, _phasePeakParts);
            (_phasePeak, _phasePeakParts) = (0, null);
            return peak;
        }
    }

    public void StartServing()
    {
        var now = _workingSet();
        ServingStartMb = now / 1048576.0;
        lock (_gate) (_servingPeak, _servingPeakParts) = (now, _parts());
        _serving = true;
    }

    public void StopServing()
    {
        Sample();
        _serving = false;
    }

    private void Sample()
    {
        if (!_serving) return;
        long now;
        try
        {
            now = _workingSet();
        }
        catch (InvalidOperationException)
        {
            return; // the process has exited; the phase will fail on its own
        }
        lock (_gate)
        {
            if (now <= _phasePeak && now <= _servingPeak) return;
            var parts = _parts();
            if (now > _phasePeak) (_phasePeak, _phasePeakParts) = (now, parts);
            if (now > _servingPeak) (_servingPeak, _servingPeakParts) = (now, parts);
        }
    }

    public void Dispose() => _timer.Dispose();
}
