using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.LoggingExtensions;

namespace CustomerTimeline.Api.Security;

/// <summary>
/// The logger Microsoft.Identity.Web hands IdentityModel (it takes an <c>ILogger&lt;IdentityLoggerAdapter&gt;</c> from
/// the container when one is registered). IdentityModel logs every token it refuses as an error, so any caller could
/// write error lines at will with a malformed, expired or forged token: noise that pages operators and buries real
/// errors. A refusal that the token itself caused (its format, signature, lifetime, issuer or audience) is written at
/// Information instead; the caller still gets its 401, and ASP.NET Core's own authentication and HTTP metrics still
/// count it. Everything else (signing keys or metadata that cannot be fetched, no keys configured) keeps its level.
/// </summary>
internal sealed partial class IdentityModelLogger(ILoggerFactory factory) : ILogger<IdentityLoggerAdapter>
{
    private readonly ILogger _inner = factory.CreateLogger<IdentityLoggerAdapter>();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => _inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => _inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (logLevel > LogLevel.Information && CausedByTheToken(formatter(state, exception))) logLevel = LogLevel.Information;
        _inner.Log(logLevel, eventId, state, exception, formatter);
    }

    /// <summary>
    /// Whether the message's first IdentityModel code is in a family of refusals of the token presented. The families
    /// also hold a few progress lines ("reading signing keys from configuration"), which IdentityModel writes below
    /// Warning and so are never touched.
    /// </summary>
    internal static bool CausedByTheToken(string message)
    {
        var match = Code().Match(message);
        if (!match.Success) return false;
        var code = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        return code switch
        {
            >= 14100 and <= 14199 => true, // not a well-formed JWT, or a part of it does not decode
            10204 or 10208 => false,       // no valid issuer or audience configured: the API's configuration
            >= 10200 and <= 10299 => true, // lifetime, issuer, audience, token type, size
            >= 10400 and <= 10499 => true, // a part that is not base64url
            10500 => false,                // no signing keys at all: the API's configuration, not the caller
            >= 10501 and <= 10599 => true, // no signature, no key for its kid, a signature that does not verify
            10634 => true,                 // an algorithm the keys do not support, named by the token's header
            _ => false,
        };
    }

    [GeneratedRegex(@"\bIDX(\d{5}):", RegexOptions.CultureInvariant)]
    private static partial Regex Code();
}
