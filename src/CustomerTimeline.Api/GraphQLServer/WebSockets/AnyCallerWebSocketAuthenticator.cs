using System.Security.Claims;
using System.Text.Json;

namespace CustomerTimeline.Api.GraphQLServer.WebSockets;

/// <summary>Accepts the identity the HTTP upgrade request already carries (whatever authentication ran on it).</summary>
internal sealed class AnyCallerWebSocketAuthenticator : IWebSocketAuthenticator
{
    public Task<ClaimsPrincipal?> AuthenticateAsync(HttpContext context, JsonElement? payload, CancellationToken cancellationToken) =>
        Task.FromResult<ClaimsPrincipal?>(context.User);
}
