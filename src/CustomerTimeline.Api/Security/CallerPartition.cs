using System.Threading.RateLimiting;

namespace CustomerTimeline.Api.Security;

/// <summary>One key of <see cref="CallerRateLimiter"/>'s limiter, as a limiter of its own; holds no permits.</summary>
internal sealed class CallerPartition(PartitionedRateLimiter<string> limiter, string key) : RateLimiter
{
    private long _lastUsed = Environment.TickCount64;

    // Nothing is lost when the middleware drops this view: the window lives in the shared limiter.
    public override TimeSpan? IdleDuration => TimeSpan.FromMilliseconds(Environment.TickCount64 - Volatile.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => limiter.GetStatistics(key);

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Volatile.Write(ref _lastUsed, Environment.TickCount64);
        return limiter.AttemptAcquire(key, permitCount);
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _lastUsed, Environment.TickCount64);
        return limiter.AcquireAsync(key, permitCount, cancellationToken);
    }
}
