namespace CustomerTimeline.Api.Connectors.Dataverse;

/// <summary>An app-only access token for the organization; an interface so tests run without Entra ID.</summary>
public interface IDataverseTokenProvider
{
    Task<string> GetAccessTokenAsync(CancellationToken cancellationToken);
}
