using System.Collections;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CustomerTimeline.Api.Telemetry;

/// <summary>
/// Every log line of a request carries one correlation id: the caller's X-Correlation-Id when it is a safe
/// token, else the trace id. It is echoed back so a support ticket can quote it.
/// </summary>
internal sealed partial class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string Header = "X-Correlation-Id";
    public const string ScopeKey = "CorrelationId";

    public async Task InvokeAsync(HttpContext context)
    {
        var given = context.Request.Headers[Header].ToString();
        var id = SafeId().IsMatch(given) ? given : Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        context.Response.Headers[Header] = id;
        Activity.Current?.SetTag("correlation.id", id);
        using (logger.BeginScope(new Scope(id)))
            await next(context);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeId();

    /// <summary>
    /// The scope's state: the key-value list structured formatters (the JSON console, OpenTelemetry) read as a
    /// property, and readable text for the plain ones. One small object per request where a dictionary was ~250 bytes.
    /// </summary>
    private sealed class Scope(string id) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? new(ScopeKey, id) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => ScopeKey + ":" + id;
    }
}
