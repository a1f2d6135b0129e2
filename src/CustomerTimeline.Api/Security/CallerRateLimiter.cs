using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Security;

/// <summary>
/// The per-caller budget: one window limiter per partition key, shared by the HTTP endpoints (through the rate-limiting
/// middleware's policy) and the operations of the WebSocket, so switching transport does not buy a caller a second
/// budget. Idle limiters are dropped by the partitioned limiter.
/// </summary>
internal sealed class CallerRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public CallerRateLimiter(IOptions<RateLimitOptions> options, SharedRateLimitStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => o.Store == RateLimitStore.Database
            // Several instances on one database: the budget is shared through the database.
            ? RateLimitPartition.Get(key, k => new SharedWindowRateLimiter(k, store, time, o.PermitLimit, o.WindowSeconds))
            : RateLimitPartition.Get(key, _ => new MemoryWindowRateLimiter(time, o.PermitLimit, o.WindowSeconds)));
    }

    /// <summary>Tenant + object id of a valid token; callers without one share a window per client address.</summary>
    public static string KeyOf(Caller caller, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(http);
        return caller.PartitionKey ?? "anonymous/" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    /// <summary>One permit of the caller's budget (dispose the lease).</summary>
    public ValueTask<RateLimitLease> AcquireAsync(string key, CancellationToken cancellationToken) =>
        _limiter.AcquireAsync(key, 1, cancellationToken);

    /// <summary>
    /// The caller's limiter as the middleware's partition: a view, so the middleware dropping (disposing) an idle
    /// partition leaves the shared window alone.
    /// </summary>
    public RateLimiter PartitionFor(string key) => new CallerPartition(_limiter, key);

    public void Dispose() => _limiter.Dispose();
}
