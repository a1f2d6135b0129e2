using CustomerTimeline.Api.GraphQLServer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Security;

/// <summary>
/// Keeps the 401 (with its WWW-Authenticate challenge) and the 403 of the authorization middleware, and adds a
/// GraphQL-shaped body so clients read the same error format everywhere.
/// </summary>
internal sealed class AuthResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        await _default.HandleAsync(next, context, policy, authorizeResult);
        if (context.Response.HasStarted || !(authorizeResult.Challenged || authorizeResult.Forbidden)) return;

        string code, message;
        if (authorizeResult.Challenged)
        {
            (code, message) = ("UNAUTHENTICATED", "A valid bearer token from an allowed tenant is required.");
        }
        else
        {
            var options = context.RequestServices.GetRequiredService<IOptions<TimelineAuthOptions>>().Value;
            var missing = policy?.Requirements.OfType<PermissionRequirement>().Select(r => options.NameOf(r.Access)) ?? [];
            (code, message) = ("FORBIDDEN", $"The token lacks the permission this endpoint requires: {string.Join(", ", missing)} (as a scope or an app role).");
        }
        await context.Response.WriteAsJsonAsync(new { errors = new[] { new { message, extensions = new { code } } } },
            options: null, MediaTypes.ErrorContentTypeFor(context));
    }
}
