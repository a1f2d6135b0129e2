using CustomerTimeline.Api.Connectors.Dataverse;

namespace CustomerTimeline.Api.Sandbox;

/// <summary>
/// The sandbox's stand-in for Entra ID: the Dataverse connector still sends a bearer token on every attempt,
/// the emulated organization still checks it; only the client-credentials exchange is skipped.
/// </summary>
internal sealed class SandboxDataverseTokenProvider : IDataverseTokenProvider
{
    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken) =>
        Task.FromResult(SandboxCredentials.DataverseAccessToken);
}
