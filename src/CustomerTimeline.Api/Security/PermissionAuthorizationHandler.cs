using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Security;

/// <summary>
/// Succeeds only when the configured scope or app role is present. Unlike Identity.Web's scope handler it has
/// no "nothing configured, so allow" path: the names are validated at start-up.
/// </summary>
internal sealed class PermissionAuthorizationHandler(IOptions<TimelineAuthOptions> options)
    : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        // The endpoint's authorization hands the request over: its caller is read once per request (RequestCaller
        // reads a principal other than the one it holds again).
        var caller = context.Resource is HttpContext http
            ? http.RequestServices.GetRequiredService<RequestCaller>().For(context.User)
            : Caller.From(context.User, options.Value);
        if (caller.Has(requirement.Access))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
