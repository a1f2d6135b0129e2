namespace CustomerTimeline.Bench;

/// <summary>Samples the API process's working set every 50 ms while the query phases run.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Func<long> _workingSet;
    private readonly Timer _timer;
    private volatile bool _serving;
    private long _servingPeak;
    private long _phasePeak;

    public MemorySampler(Func<long> workingSet)
    {
        _workingSet = workingSet;
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
    }

    public double ServingStartMb { get; private set; }

    public double ServingPeakMb => Interlocked.Read(ref _servingPeak) / 1048576.0;

    public double CurrentMb => _workingSet() / 1048576.0;

    /// <summary>The highest sample since the last call (the phase's, warm-up included), starting the next phase's.</summary>
    public double TakePhasePeakMb()
    {
        Sample();
        return Interlocked.Exchange(ref _phasePeak, 0) / 1048576.0;
    }

    public void StartServing()
    {
        var now = _workingSet();
        ServingStartMb = now / 1048576.0;
        Interlocked.Exchange(ref _servingPeak, now);
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
        Raise(ref _phasePeak, now);
        Raise(ref _servingPeak, now);
    }

    private static void Raise(ref long peak, long now)
    {
        long seen;
        while (now > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
        {
            // Another sample raced this one; try again.
        }
    }

    public void Dispose() => _timer.Dispose();
}
