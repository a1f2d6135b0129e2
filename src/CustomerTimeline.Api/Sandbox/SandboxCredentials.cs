namespace CustomerTimeline.Api.Sandbox;

/// <summary>
/// The fixed credentials the sandbox hands the connectors and checks, vendor-style. They open nothing but this
/// app's own emulated vendors, so they are constants rather than secrets.
/// </summary>
internal static class SandboxCredentials
{
    public const string DataverseTenantId = "sandbox-tenant";
    public const string DataverseClientId = "sandbox-client";
    public const string DataverseClientSecret = "sandbox-client-secret";
    public const string DataverseAccessToken = "sandbox-dataverse-access-token";
    public const string ZendeskEmail = "sandbox-agent@example.invalid";
    public const string ZendeskApiToken = "sandbox-zendesk-api-token";
    public const string MatomoTokenAuth = "5a4d6b0c8e1f2a3b4c5d6e7f8a9b0c1d";
    public const int MatomoSiteId = 1;
    public const string TypeformToken = "tfp_sandbox_personal_access_token";
}
