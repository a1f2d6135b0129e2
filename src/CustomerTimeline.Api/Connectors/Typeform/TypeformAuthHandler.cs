using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Connectors.Typeform;

/// <summary>Personal access token as a bearer token, added per attempt, never in a URL.</summary>
internal sealed class TypeformAuthHandler(IOptionsMonitor<TypeformOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.CurrentValue.PersonalAccessToken);
        return base.SendAsync(request, cancellationToken);
    }
}
