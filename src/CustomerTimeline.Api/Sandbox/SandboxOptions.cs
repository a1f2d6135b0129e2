using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.Sandbox;

/// <summary>
/// Section <c>Sandbox</c>: the built-in emulation of the four vendor APIs under <c>/sandbox/*</c>, fed by the
/// demo generator (<c>Demo:Seed</c>, <c>Demo:Events</c>). On by default in Development.
/// </summary>
public sealed class SandboxOptions : IValidatableObject
{
    public const string Section = "Sandbox";

    /// <summary>Serve the sandbox endpoints; default: on in Development only.</summary>
    public bool? Enabled { get; set; }

    /// <summary>This app's own address as the connectors reach it (default matches Properties/launchSettings.json).</summary>
    public Uri BaseUrl { get; set; } = new("http://localhost:5080");

    public SandboxFaultsOptions Faults { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("http" or "https"))
            yield return new($"{Section}:BaseUrl must be an absolute http(s) URL (this app's own address).", [nameof(BaseUrl)]);
        else if (!string.IsNullOrEmpty(BaseUrl.Query) || !string.IsNullOrEmpty(BaseUrl.Fragment))
            yield return new($"{Section}:BaseUrl must not carry a query string or fragment.", [nameof(BaseUrl)]);
        foreach (var error in Faults.Validate($"{Section}:Faults")) yield return error;
    }
}
