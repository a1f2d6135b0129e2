using Microsoft.Extensions.Options;
using Microsoft.Identity.Abstractions;

namespace CustomerTimeline.Api.Connectors.Dataverse;

/// <summary>
/// Client-credentials token for "{org}/.default" from Microsoft.Identity.Web's token acquisition (which
/// caches and renews it), configured from the named <see cref="MicrosoftIdentityApplicationOptions"/> "Dataverse".
/// </summary>
internal sealed class EntraDataverseTokenProvider(IAuthorizationHeaderProvider headers, IOptionsMonitor<DataverseOptions> options)
    : IDataverseTokenProvider
{
    public const string OptionsName = "Dataverse";

    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var header = await headers.CreateAuthorizationHeaderForAppAsync(
            options.CurrentValue.EffectiveScope,
            new AuthorizationHeaderProviderOptions { AcquireTokenOptions = new AcquireTokenOptions { AuthenticationOptionsName = OptionsName } },
            cancellationToken).ConfigureAwait(false);
        // The provider returns "Bearer eyJ..."; the handler builds its own header from the bare token.
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? header : header[(space + 1)..];
    }
}
