using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.Security;

/// <summary>
/// The part of the <c>AzureAd</c> section the API needs, checked at start-up: Microsoft.Identity.Web itself
/// would only complain on the first request, as a server error.
/// </summary>
public sealed class EntraIdOptions
{
    public const string Section = "AzureAd";

    [Required(ErrorMessage = "AzureAd:Instance is required, e.g. https://login.microsoftonline.com/.")]
    [Url(ErrorMessage = "AzureAd:Instance must be an absolute URL such as https://login.microsoftonline.com/.")]
    public string Instance { get; set; } = "";

    [Required(ErrorMessage = "AzureAd:TenantId is required: your tenant id, or 'organizations' with Auth:AllowedTenants.")]
    public string TenantId { get; set; } = "";

    [Required(ErrorMessage = "AzureAd:ClientId is required: the application (client) id of this API's app registration.")]
    public string ClientId { get; set; } = "";

    /// <summary>Optional explicit audience (e.g. api://customer-timeline); defaults to the client id.</summary>
    public string? Audience { get; set; }

    /// <summary>Microsoft.Identity.Web's switch to write personal data into its logs; refused outside Development.</summary>
    public bool EnablePiiLogging { get; set; }

    /// <summary>The issuer a token of one tenant must carry (v2.0 endpoint), built like Entra ID builds it.</summary>
    public string IssuerFor(string tenantId) => $"{Instance.TrimEnd('/')}/{tenantId}/v2.0";
}
