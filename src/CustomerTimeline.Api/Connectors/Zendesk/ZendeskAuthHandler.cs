using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>
/// API-token authentication: Basic base64("{email}/token:{api_token}") on every attempt, so the token never
/// sits in a URL or in the HttpClient's shared default headers.
/// </summary>
internal sealed class ZendeskAuthHandler(IOptionsMonitor<ZendeskOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.Email}/token:{o.ApiToken}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return base.SendAsync(request, cancellationToken);
    }
}
