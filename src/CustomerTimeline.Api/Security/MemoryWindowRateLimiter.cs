using System.Threading.RateLimiting;

namespace CustomerTimeline.Api.Security;

/// <summary>
/// One caller's fixed window counted in this instance's memory, aligned to the Unix epoch like
/// <see cref="SharedWindowRateLimiter"/>'s. A rejection's Retry-After is the time left in the window: .NET's
/// FixedWindowRateLimiter answers a whole window whatever is left, so a caller one second from its next window was
/// told to wait a minute.
/// </summary>
public sealed class MemoryWindowRateLimiter : RateLimiter
{
    private readonly TimeProvider _time;
    private readonly int _limit;
    private readonly int _windowSeconds;
    private readonly Lock _sync = new();

    private long _windowStart = long.MinValue;
    private int _used;
    private long _lastUsed;
    private long _successful;
    private long _failed;

    public MemoryWindowRateLimiter(TimeProvider time, int limit, int windowSeconds)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSeconds, 1);
        _time = time;
        _limit = limit;
        _windowSeconds = windowSeconds;
        _lastUsed = time.GetTimestamp();
    }

    /// <summary>
    /// Null while the current window has permits used: a limiter dropped as idle would come back with a full budget.
    /// </summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_sync)
            {
                return _used > 0 && _windowStart == CurrentWindowStart() ? null : _time.GetElapsedTime(_lastUsed);
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_sync)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _windowStart == CurrentWindowStart() ? _limit - _used : _limit,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (permitCount > _limit)
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, $"At most {_limit} permits per window.");
        lock (_sync)
        {
            _lastUsed = _time.GetTimestamp();
            var window = CurrentWindowStart();
            if (_windowStart != window)
            {
                _windowStart = window;
                _used = 0;
            }
            if (_used + permitCount <= _limit)
            {
                _used += permitCount;
                if (permitCount > 0) _successful++;
                return SharedWindowLease.Granted;
            }
            _failed++;
            return SharedWindowLease.Rejected(EpochWindow.Left(_time, window, _windowSeconds));
        }
    }

    // No queue: a request over the budget is answered at once.
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private long CurrentWindowStart() => EpochWindow.StartOf(_time, _windowSeconds);
}
