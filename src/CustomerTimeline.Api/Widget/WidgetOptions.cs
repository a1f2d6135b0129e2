using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Widget;

public sealed class WidgetOptions
{
    public const string Section = "Widget";

    /// <summary>
    /// Origins (scheme://host[:port], nothing else) of the CRM pages that may frame /embed/timeline, hand it a
    /// token with postMessage, and call /graphql from the browser with the web component.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>Serve the demo host page at /widget/demo. Defaults to on in Development only.</summary>
    public bool? EnableDemo { get; set; }
}

/// <summary>An allowed origin lands in a CSP header and in CORS: anything but an exact origin is refused at startup.</summary>
internal sealed class WidgetOptionsValidator : IValidateOptions<WidgetOptions>
{
    public ValidateOptionsResult Validate(string? name, WidgetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var origin in options.AllowedOrigins)
        {
            if (!IsOrigin(origin))
            {
                failures.Add($"Widget:AllowedOrigins: '{origin}' is not an origin; write scheme://host[:port] (http or https, no path, no wildcard).");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static bool IsOrigin(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Contains('*', StringComparison.Ordinal)) return false;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)) return false;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return false;
        // Round-trip: the origin must be written exactly as browsers send it in Origin and event.origin.
        return string.Equals(uri.GetLeftPart(UriPartial.Authority), value, StringComparison.Ordinal)
            && string.IsNullOrEmpty(uri.UserInfo);
    }
}
