using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
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
    /// agents of its tenant. Requests without a valid token share a window per client address. Each WebSocket
    /// operation takes a permit from the same window (<see cref="CallerRateLimiter"/>). With
    /// <see cref="RateLimitStore.Database"/> the windows are counted in the shared database, so the budget holds
    /// across instances; otherwise each instance counts in memory.
    /// </summary>
    public static WebApplicationBuilder AddTimelineRateLimiting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<RateLimitOptions>(builder.Configuration, RateLimitOptions.Section);
        builder.Services.AddSingleton<SharedRateLimitStore>();
        builder.Services.AddSingleton<CallerRateLimiter>();

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = OnRejectedAsync;
            limiter.AddPolicy(PolicyName, http =>
            {
                var callers = http.RequestServices.GetRequiredService<CallerRateLimiter>();
                return RateLimitPartition.Get(CallerRateLimiter.KeyOf(RequestCaller.Of(http), http), callers.PartitionFor);
            });
        });
        return builder;
    }

    /// <summary>The error code of a refusal, over HTTP (429) and on the WebSocket (an error message).</summary>
    public const string RejectedCode = "RATE_LIMITED";

    /// <summary>Whole seconds until a refused caller may try again: the lease's, else a whole window.</summary>
    internal static int RetryAfterSeconds(RateLimitLease lease, IServiceProvider services) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : services.GetRequiredService<IOptions<RateLimitOptions>>().Value.WindowSeconds;

    internal static string RejectedMessage(int retryAfterSeconds) =>
        $"Too many requests from this caller; retry after {retryAfterSeconds} s.";

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var seconds = RetryAfterSeconds(context.Lease, context.HttpContext.RequestServices);
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.HttpContext.Response.WriteAsJsonAsync(new
        {
            errors = new[]
            {
                new { message = RejectedMessage(seconds), extensions = new { code = RejectedCode } },
            },
        }, options: null, MediaTypes.ErrorContentTypeFor(context.HttpContext), cancellationToken);
    }
}
