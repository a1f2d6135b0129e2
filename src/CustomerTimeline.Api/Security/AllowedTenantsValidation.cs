using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Security;

/// <summary>A multi-tenant registration ("organizations", "common") must say which tenants it serves.</summary>
internal sealed class AllowedTenantsValidation(IOptions<EntraIdOptions> entra) : IValidateOptions<TimelineAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, TimelineAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.AllowedTenants.Count > 0 || options.DevTokens.Enabled) return ValidateOptionsResult.Success;
        string? tenant;
        try
        {
            tenant = entra.Value.TenantId;
        }
        catch (OptionsValidationException)
        {
            // AzureAd's own validation reports it; saying it twice would only repeat the message.
            return ValidateOptionsResult.Skip;
        }
        if (Guid.TryParse(tenant, out _)) return ValidateOptionsResult.Success;
        return ValidateOptionsResult.Fail(
            "Auth:AllowedTenants must list the tenant ids to accept when AzureAd:TenantId is not a single tenant id.");
    }
}
