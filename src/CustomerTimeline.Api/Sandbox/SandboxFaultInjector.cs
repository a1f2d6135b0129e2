using System.Globalization;
using CustomerTimeline.Api.Data;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Sandbox;

/// <summary>
/// Puts the configured faults (<c>Sandbox:Faults:{Vendor}</c>, by request number per vendor) or the one named in
/// the <c>X-Sandbox-Fault</c> header (429, 5xx, slow, malformed) on sandbox requests. Counts are per vendor and
/// per process, so a given sequence of requests always meets the same faults.
/// </summary>
internal sealed partial class SandboxFaultInjector(IOptionsMonitor<SandboxOptions> options, ILogger<SandboxFaultInjector> logger)
{
    public const string Header = "X-Sandbox-Fault";

    private readonly long[] _requests = new long[Enum.GetValues<EventSource>().Length];
    private readonly long[] _injected = new long[Enum.GetValues<SandboxFault>().Length];

    /// <summary>How many requests got <paramref name="fault"/> so far (soak tests check the faults really happened).</summary>
    public long Injected(SandboxFault fault) => Interlocked.Read(ref _injected[(int)fault]);

    public async ValueTask<object?> InvokeAsync(EventSource vendor, EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var number = Interlocked.Increment(ref _requests[(int)vendor]);
        var o = options.CurrentValue.Faults.For(vendor);
        var (fault, status) = Forced(http.Request.Headers[Header].ToString(), o) ?? (o.For(number), o.ServerErrorStatus);
        if (fault != SandboxFault.None)
        {
            Interlocked.Increment(ref _injected[(int)fault]);
            LogFault(logger, vendor, number, fault);
        }
        switch (fault)
        {
            case SandboxFault.RateLimit:
                http.Response.Headers.RetryAfter = o.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return SandboxJson.Error(StatusCodes.Status429TooManyRequests, ("error", "TooManyRequests"),
                    ("description", "Rate limit exceeded (sandbox fault injection)."));
            case SandboxFault.ServerError:
                return SandboxJson.Error(status, ("error", "ServiceUnavailable"), ("description", "Sandbox fault injection."));
            case SandboxFault.Malformed:
                // Cut mid-record, as a dropped proxy connection leaves it: a 200 the client must not trust.
                return Results.Text("{\"value\":[{\"id\":1,\"subject\":\"trunc", "application/json", statusCode: 200);
            case SandboxFault.Slow:
                await Task.Delay(o.SlowDelay, http.RequestAborted).ConfigureAwait(false);
                return await next(context).ConfigureAwait(false);
            default:
                return await next(context).ConfigureAwait(false);
        }
    }

    private static (SandboxFault, int)? Forced(string header, SandboxFaultOptions o) => header.Trim().ToUpperInvariant() switch
    {
        "" => null,
        "429" or "RATELIMIT" => (SandboxFault.RateLimit, 429),
        "SLOW" => (SandboxFault.Slow, 200),
        "MALFORMED" => (SandboxFault.Malformed, 200),
        var code when int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s is >= 500 and <= 599 => (SandboxFault.ServerError, s),
        "5XX" => (SandboxFault.ServerError, o.ServerErrorStatus),
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox {Vendor}: request {Number} gets fault {Fault}")]
    private static partial void LogFault(ILogger logger, EventSource vendor, long number, SandboxFault fault);
}
