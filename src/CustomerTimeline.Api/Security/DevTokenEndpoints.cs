using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Security;

public static class DevTokenEndpoints
{
    public const string Path = "/dev/token";

    /// <summary>
    /// POST /dev/token[?permissions=Read,PiiRead] mints a dev token; mapped only in Development with
    /// Auth:DevTokens:Enabled, so the route does not exist anywhere else.
    /// </summary>
    public static IEndpointRouteBuilder MapDevTokens(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var issuer = app.Services.GetService<DevTokenIssuer>();
        if (issuer is null || !app.Environment.IsDevelopment()) return app;

        app.MapPost(Path, (string? permissions, IOptions<TimelineAuthOptions> auth) =>
        {
            var requested = new List<Access>();
            foreach (var name in (permissions ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Enum.TryParse<Access>(name, ignoreCase: true, out var permission) || !Enum.IsDefined(permission))
                    return Results.BadRequest(new { error = $"Unknown permission '{name}'; use any of {string.Join(", ", Enum.GetNames<Access>())}." });
                requested.Add(permission);
            }
            var granted = requested.Count > 0 ? requested : [.. Enum.GetValues<Access>()];
            return Results.Ok(new
            {
                access_token = issuer.Mint(granted),
                token_type = "Bearer",
                expires_in = auth.Value.DevTokens.LifetimeMinutes * 60,
                scope = string.Join(' ', granted.Select(auth.Value.NameOf)),
            });
        }).ExcludeFromDescription();
        return app;
    }
}
