using System.Threading.RateLimiting;

namespace CustomerTimeline.Api.Security;

/// <summary>
/// One caller's fixed window, shared by every instance on the database. Windows are aligned to the Unix epoch, so
/// all instances agree on them. Each instance reserves permits in chunks (1/20 of the limit) and grants from its
/// local reservation; the database sees one statement per chunk, and all instances together never grant more than
/// the limit. Permits an instance reserved but did not use are lost at the end of the window (at most a chunk each).
/// </summary>
public sealed class SharedWindowRateLimiter : RateLimiter
{
    private readonly string _partitionKey;
    private readonly SharedRateLimitStore _store;
    private readonly TimeProvider _time;
    private readonly int _limit;
    private readonly int _windowSeconds;
    private readonly int _chunk;
    private readonly Lock _sync = new();
    // One reservation round trip per partition at a time: the others wait and then use what it reserved.
    private readonly SemaphoreSlim _reserving = new(1, 1);

    private long _windowStart = long.MinValue;
    private int _reserved;
    private bool _exhausted;
    private long _lastUsed;
    private long _successful;
    private long _failed;

    public SharedWindowRateLimiter(string partitionKey, SharedRateLimitStore store, TimeProvider time, int limit, int windowSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSeconds, 1);
        _partitionKey = partitionKey;
        _store = store;
        _time = time;
        _limit = limit;
        _windowSeconds = windowSeconds;
        _chunk = Math.Max(1, limit / 20);
        _lastUsed = time.GetTimestamp();
    }

    /// <summary>
    /// Null while a reservation is in flight or unused permits of the current window are held (dropping this limiter
    /// would waste them); otherwise the time since the last request.
    /// </summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_sync)
            {
                if (_reserving.CurrentCount == 0) return null;
                if (_reserved > 0 && _windowStart == CurrentWindowStart()) return null;
                return _time.GetElapsedTime(_lastUsed);
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_sync)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _windowStart == CurrentWindowStart() ? _reserved : 0,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = Interlocked.Read(ref _successful),
                TotalFailedLeases = Interlocked.Read(ref _failed),
            };
        }
    }

    /// <summary>Grants only from the local reservation; an empty one answers "not acquired" without metadata, and
    /// ASP.NET's middleware then calls <see cref="AcquireAsyncCore"/>, which may reserve more.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ThrowIfTooMany(permitCount);
        lock (_sync)
        {
            return TryLocal(permitCount, CurrentWindowStart()) ?? SharedWindowLease.NotReserved;
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ThrowIfTooMany(permitCount);
        await _reserving.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                long window;
                int want;
                lock (_sync)
                {
                    window = CurrentWindowStart();
                    if (TryLocal(permitCount, window) is { } lease) return lease;
                    want = Math.Max(_chunk, permitCount - _reserved);
                }

                var granted = await _store.TryReserveAsync(_partitionKey, window, _windowSeconds, _limit, want, cancellationToken);
                lock (_sync)
                {
                    if (granted is null)
                    {
                        // Database unavailable: fail open for this request rather than lock every caller out.
                        Interlocked.Increment(ref _successful);
                        return SharedWindowLease.Granted;
                    }
                    if (_windowStart != window) continue; // the window turned while we waited; start over in the new one
                    if (granted == 0) _exhausted = true; // counts only grow within a window: no need to ask again
                    _reserved += granted.Value;
                }
            }
        }
        finally
        {
            _reserving.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _reserving.Dispose();
        base.Dispose(disposing);
    }

    // Caller holds _sync. Null = the local reservation cannot cover the request and the window is not known to be full.
    private SharedWindowLease? TryLocal(int permitCount, long window)
    {
        _lastUsed = _time.GetTimestamp();
        if (_windowStart != window)
        {
            _windowStart = window;
            _reserved = 0;
            _exhausted = false;
        }
        if (_reserved >= permitCount)
        {
            _reserved -= permitCount;
            if (permitCount > 0) Interlocked.Increment(ref _successful);
            return SharedWindowLease.Granted;
        }
        if (!_exhausted) return null;
        Interlocked.Increment(ref _failed);
        return SharedWindowLease.Rejected(EpochWindow.Left(_time, window, _windowSeconds));
    }

    private long CurrentWindowStart() => EpochWindow.StartOf(_time, _windowSeconds);

    private void ThrowIfTooMany(int permitCount)
    {
        if (permitCount > _limit)
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, $"At most {_limit} permits per window.");
    }
}
