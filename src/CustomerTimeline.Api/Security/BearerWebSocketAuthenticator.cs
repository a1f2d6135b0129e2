using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using CustomerTimeline.Api.GraphQLServer.WebSockets;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Security;

/// <summary>
/// Browsers cannot put headers on a WebSocket, so the bearer token arrives in connection_init's payload
/// (<c>{"Authorization": "Bearer …"}</c> or <c>{"token": "…"}</c>). It is validated by the very same JwtBearer /
/// Identity.Web pipeline as HTTP requests, and the caller needs Timeline.Read like on /graphql. The connection holds
/// until the token's expiry plus the clock skew the validation allows: the moment HTTP would start answering 401.
/// </summary>
internal sealed class BearerWebSocketAuthenticator(IOptions<TimelineAuthOptions> options, IOptionsMonitor<JwtBearerOptions> jwt)
    : IWebSocketAuthenticator
{
    public async Task<WebSocketCaller?> AuthenticateAsync(HttpContext context, JsonElement? payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var token = TokenFrom(payload) ?? BearerFrom(context.Request.Headers.Authorization.ToString());
        if (token is null) return null;

        context.Request.Headers.Authorization = "Bearer " + token;
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (!result.Succeeded || !Caller.From(result.Principal, options.Value).Has(Access.Read)) return null;
        // Tokens must carry exp (RequireExpirationTime): one whose end is unknown is not let through.
        if ((result.Properties?.ExpiresUtc ?? ExpiryOf(result.Principal)) is not { } expires) return null;
        var skew = jwt.Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters.ClockSkew;
        return new WebSocketCaller(result.Principal, expires + skew);
    }

    private static DateTimeOffset? ExpiryOf(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst("exp")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp)
            : null;

    private static string? TokenFrom(JsonElement? payload)
    {
        if (payload is not { ValueKind: JsonValueKind.Object } p) return null;
        foreach (var property in p.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String) continue;
            if (property.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
                return BearerFrom(property.Value.GetString());
            if (property.Name.Equals("token", StringComparison.OrdinalIgnoreCase))
                return property.Value.GetString() is { Length: > 0 and < 16_384 } t ? t : null;
        }
        return null;
    }

    private static string? BearerFrom(string? header) =>
        header is { Length: > 7 and < 16_384 } && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header[7..].Trim()
            : null;
}
