using CustomerTimeline.Api.Data;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Security;

public static class RateLimiting
{
    public const string PolicyName = "per-caller";

    /// <summary>
    /// One fixed window per caller: tenant + object id from the token, so one noisy daemon cannot starve the
    /// agents of its tenant. Requests without a valid token share a window per client address. With
    /// <see cref="RateLimitStore.Database"/> the windows are counted in the shared database, so the budget holds
    /// across instances; otherwise each instance counts in memory.
    /// </summary>
    public static WebApplicationBuilder AddTimelineRateLimiting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<RateLimitOptions>(builder.Configuration, RateLimitOptions.Section);
        builder.Services.AddSingleton<SharedRateLimitStore>();

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = OnRejectedAsync;
            limiter.AddPolicy(PolicyName, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var key = RequestCaller.Of(http).PartitionKey
                    ?? "anonymous/" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                var time = http.RequestServices.GetRequiredService<TimeProvider>();
                if (options.Store == RateLimitStore.Database)
                {
                    // Several instances on one database: the budget is shared through the database.
                    var store = http.RequestServices.GetRequiredService<SharedRateLimitStore>();
                    return RateLimitPartition.Get(key, k => new SharedWindowRateLimiter(k, store, time, options.PermitLimit, options.WindowSeconds));
                }
                return RateLimitPartition.Get(key, _ => new MemoryWindowRateLimiter(time, options.PermitLimit, options.WindowSeconds));
            });
        });
        return builder;
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : context.HttpContext.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.WindowSeconds;
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.HttpContext.Response.WriteAsJsonAsync(new
        {
            errors = new[]
            {
                new { message = $"Too many requests from this caller; retry after {seconds} s.", extensions = new { code = "RATE_LIMITED" } },
            },
        }, cancellationToken);
    }
}
