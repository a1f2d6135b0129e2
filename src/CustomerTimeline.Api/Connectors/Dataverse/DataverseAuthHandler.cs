using System.Net.Http.Headers;

namespace CustomerTimeline.Api.Connectors.Dataverse;

/// <summary>Adds the bearer token per attempt, so a retry after a long Retry-After gets a fresh one.</summary>
internal sealed class DataverseAuthHandler(IDataverseTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
