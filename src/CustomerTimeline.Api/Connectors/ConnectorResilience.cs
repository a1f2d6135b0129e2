using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Telemetry;
using Polly.Timeout;

namespace CustomerTimeline.Api.Connectors;

/// <summary>
/// The one resilience pipeline each vendor client gets: total timeout → retry → circuit breaker → attempt
/// timeout (the order of the standard handler), with every timing from the vendor's options and Polly's
/// clock taken from DI so tests drive it with a fake <see cref="TimeProvider"/>.
/// </summary>
internal static class ConnectorResilience
{
    /// <summary>
    /// Polly reports every attempt that succeeded at Information: a log line per vendor page. Those go to Debug; an
    /// attempt that failed, a retry and the breaker's moves keep their levels.
    /// </summary>
    public static IServiceCollection AddConnectorTelemetry(this IServiceCollection services) =>
        services.Configure<TelemetryOptions>(telemetry => telemetry.SeverityProvider = QuietSuccessfulAttempts);

    internal static ResilienceEventSeverity QuietSuccessfulAttempts(SeverityProviderArguments args) =>
        args.Event.EventName == "ExecutionAttempt" && args.Event.Severity == ResilienceEventSeverity.Information
            ? ResilienceEventSeverity.Debug
            : args.Event.Severity;

    public static IHttpClientBuilder AddConnectorResilience(
        this IHttpClientBuilder builder,
        Func<IServiceProvider, ConnectorResilienceOptions> resolveOptions,
        bool retryUnsafeMethods = false)
    {
        // Named after the client (the vendor): "zendesk-resilience" in Polly's logs and metrics.
        builder.AddResilienceHandler("resilience", (pipeline, context) =>
        {
            var options = resolveOptions(context.ServiceProvider);
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.TimeProvider = time;

            pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = options.TotalTimeout });

            if (options.MaxRetryAttempts > 0)
            {
                var retry = new HttpRetryStrategyOptions
                {
                    Name = "retry",
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    Delay = options.RetryBaseDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    // Its delay generator uses Retry-After (delta or date) when the vendor sends one.
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options.MaxRetryAfter, time)),
                };
                // Vendors' reads are GETs, except Matomo's POSTed reads, which opt in (see MatomoConnector).
                if (!retryUnsafeMethods) retry.DisableForUnsafeHttpMethods();
                pipeline.AddRetry(retry);
            }

            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                Name = "breaker",
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsVendorFailure(args.Outcome)),
            });

            pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = options.AttemptTimeout });
        });
        return builder;
    }

    /// <summary>Transient failures, minus 429/503 whose Retry-After exceeds what one call may wait.</summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter, TimeProvider time)
    {
        if (outcome.Exception is not null) return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        var response = outcome.Result;
        if (response is null) return false;
        var status = (int)response.StatusCode;
        var transient = status is 408 or 429 || (status >= 500 && status != 501 && status != 505);
        if (!transient) return false;
        var wait = RetryAfter(response.Headers.RetryAfter, time);
        return wait is null || wait <= maxRetryAfter;
    }

    /// <summary>
    /// What counts against the breaker: the vendor failing, not the vendor throttling us. A 429 means
    /// "alive but busy"; opening the breaker on it would turn a short wait into a long outage.
    /// </summary>
    internal static bool IsVendorFailure(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is not null) return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        return outcome.Result is { } response
               && (response.StatusCode == HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500);
    }

    internal static TimeSpan? RetryAfter(System.Net.Http.Headers.RetryConditionHeaderValue? header, TimeProvider time)
    {
        if (header is null) return null;
        if (header.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }
}
