using System.Net;
using System.Text.Json;
using CustomerTimeline.Api.Data;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace CustomerTimeline.Api.Connectors;

/// <summary>
/// Turns whatever a Refit call throws once the pipeline has given up into the two exceptions the sync engine
/// understands: <see cref="SourceRateLimitedException"/> (defer) and <see cref="SourceUnavailableException"/> (fail).
/// </summary>
internal static class SourceCall
{
    public static async Task<T> RunAsync<T>(
        EventSource source, TimeProvider time, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && Translate(source, time, e) is { } translated)
        {
            throw translated;
        }
    }

    internal static Exception? Translate(EventSource source, TimeProvider time, Exception e)
    {
        switch (e)
        {
            case SourceRateLimitedException or SourceUnavailableException:
                return null;
            case ApiException api when api.StatusCode == HttpStatusCode.TooManyRequests:
                return new SourceRateLimitedException(source, ConnectorResilience.RetryAfter(api.Headers?.RetryAfter, time), api);
            case ApiException api when api.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                return new SourceUnavailableException(source, SourceFailure.AuthenticationFailed,
                    SourceFailureText.Describe(SourceFailure.AuthenticationFailed, (int)api.StatusCode) + ".", api);
            case ApiException api when (int)api.StatusCode is >= 200 and < 300:
                // Refit only throws on a success status when the body could not be deserialized.
                return new SourceUnavailableException(source, SourceFailure.MalformedResponse,
                    "the response body is not the documented JSON.", api);
            case ApiException api:
                return new SourceUnavailableException(source, SourceFailure.HttpError,
                    SourceFailureText.Describe(SourceFailure.HttpError, (int)api.StatusCode) + ".", api);
            case BrokenCircuitException broken:
                return new SourceUnavailableException(source, SourceFailure.CircuitOpen,
                    SourceFailureText.Describe(SourceFailure.CircuitOpen) + ".", broken) { RetryAfter = broken.RetryAfter };
            case TimeoutRejectedException timeout:
                return new SourceUnavailableException(source, SourceFailure.Timeout, "the call timed out.", timeout);
            case JsonException json:
                return new SourceUnavailableException(source, SourceFailure.MalformedResponse,
                    "the response body is not the documented JSON.", json);
            case HttpRequestException http:
                return new SourceUnavailableException(source, SourceFailure.Unreachable, SourceFailureText.Describe(SourceFailure.Unreachable) + ".", http);
            case IOException io:
                // A body read as a stream (Matomo's) breaks off as an IOException.
                return new SourceUnavailableException(source, SourceFailure.Unreachable, "the connection broke while the answer was read.", io);
            case OperationCanceledException canceled:
                return new SourceUnavailableException(source, SourceFailure.Timeout, "the call was abandoned.", canceled);
            default:
                // Refit wraps transport failures (ApiRequestException); classify by what is inside.
                return e.InnerException is { } inner ? Translate(source, time, inner) : null;
        }
    }
}
