using CustomerTimeline.Api.Data;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CustomerTimeline.Api.Security;

public static class SecurityExtensions
{
    /// <summary>Authorization policy of the GraphQL endpoint: an authenticated caller holding Timeline.Read.</summary>
    public const string ReadPolicy = "TimelineRead";

    /// <summary>Policy of the export downloads: Timeline.Read and Privacy.Manage, as exportCustomer asks.</summary>
    public const string PrivacyPolicy = "PrivacyManage";

    /// <summary>
    /// Entra ID bearer tokens through Microsoft.Identity.Web, plus our own rules: issuers and tenants are checked
    /// locally against an allow-list, and permissions come from configured scope / app-role names.
    /// </summary>
    public static WebApplicationBuilder AddTimelineAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var isDevelopment = builder.Environment.IsDevelopment();

        builder.Services.AddOptions<EntraIdOptions>()
            .Bind(builder.Configuration.GetSection(EntraIdOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => isDevelopment || !o.EnablePiiLogging,
                "AzureAd:EnablePiiLogging may be true only in the Development environment: it writes personal data into logs.")
            .ValidateOnStart();
        builder.Services.AddOptions<TimelineAuthOptions>()
            .Bind(builder.Configuration.GetSection(TimelineAuthOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => isDevelopment || !o.DevTokens.Enabled,
                "Auth:DevTokens:Enabled may be true only in the Development environment.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TimelineAuthOptions>, AllowedTenantsValidation>();

        var devTokens = isDevelopment
            && builder.Configuration.GetValue<bool>($"{TimelineAuthOptions.Section}:{nameof(TimelineAuthOptions.DevTokens)}:{nameof(DevTokenOptions.Enabled)}");
        if (devTokens) builder.Services.AddSingleton<DevTokenIssuer>();
        builder.Services.TryAddSingleton(TimeProvider.System);

        // Registered before Identity.Web's own configuration so that its "only if not set" defaults keep ours.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IServiceProvider>((jwt, services) => ConfigureJwtBearer(jwt, services, devTokens));

        // After Identity.Web's configuration, so the handlers it settles on are the ones wrapped.
        builder.Services.AddValidatedOptions<TokenCacheOptions>(builder.Configuration, TokenCacheOptions.Section);
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<IOptions<TokenCacheOptions>, TimeProvider>((jwt, cache, time) =>
            {
                for (var i = 0; i < jwt.TokenHandlers.Count; i++)
                {
                    if (jwt.TokenHandlers[i] is not CachingTokenHandler)
                        jwt.TokenHandlers[i] = new CachingTokenHandler(jwt.TokenHandlers[i], cache.Value, time);
                }
                SkipSandboxRequests(jwt);
            });

        builder.Services.AddSingleton<GraphQLServer.WebSockets.IWebSocketAuthenticator, BearerWebSocketAuthenticator>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddMicrosoftIdentityWebApi(builder.Configuration, EntraIdOptions.Section);

        builder.Services.AddSingleton<IAuthorizationHandler, PermissionAuthorizationHandler>();
        builder.Services.AddScoped<RequestCaller>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthResultHandler>();
        builder.Services.AddAuthorizationBuilder()
            // No scheme of its own: the default scheme (JwtBearer) already authenticated the request, and a policy
            // scheme would authenticate it again and replace its principal with a merged copy on every request.
            .AddPolicy(ReadPolicy, policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new PermissionRequirement(Access.Read)))
            .AddPolicy(PrivacyPolicy, policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new PermissionRequirement(Access.Read), new PermissionRequirement(Access.PrivacyManage)));
        return builder;
    }

    /// <summary>Authentication, then per-caller rate limiting (it needs the caller), then authorization.</summary>
    public static WebApplication UseTimelineSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Every request to the endpoint needs Timeline.Read and counts against its caller's rate limit.</summary>
    public static TBuilder RequireTimelineAccess<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder
    {
        endpoint.RequireAuthorization(ReadPolicy);
        endpoint.RequireRateLimiting(RateLimiting.PolicyName);
        return endpoint;
    }

    private static void ConfigureJwtBearer(JwtBearerOptions jwt, IServiceProvider services, bool devTokens)
    {
        var entra = services.GetRequiredService<IOptions<EntraIdOptions>>().Value;
        var auth = services.GetRequiredService<IOptions<TimelineAuthOptions>>().Value;
        var allowed = AllowedTenants(entra, auth, devTokens);

        jwt.TokenValidationParameters.RequireSignedTokens = true;
        jwt.TokenValidationParameters.RequireExpirationTime = true;
        jwt.TokenValidationParameters.ValidateLifetime = true;
        jwt.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(5);
        // Identity.Web's AAD issuer validator would fetch tenant metadata for an unknown issuer; ours decides
        // locally: the issuer must be the Entra ID issuer of the token's own tid, and that tenant must be allowed.
        jwt.TokenValidationParameters.IssuerValidator = (issuer, token, _) =>
        {
            var tid = token is JsonWebToken json && json.TryGetPayloadValue("tid", out string value) ? value : null;
            if (tid is null || !allowed.Contains(tid) || !string.Equals(issuer, entra.IssuerFor(tid), StringComparison.Ordinal))
                throw new SecurityTokenInvalidIssuerException("The token's issuer or tenant is not accepted by this API.");
            return issuer;
        };

        if (devTokens)
        {
            // A static configuration means no metadata is fetched: the only signing key is the process's dev key.
            var issuer = services.GetRequiredService<DevTokenIssuer>();
            var configuration = new OpenIdConnectConfiguration { Issuer = issuer.Issuer };
            configuration.SigningKeys.Add(issuer.SigningKey);
            jwt.Configuration = configuration;
        }
    }

    /// <summary>
    /// The built-in sandbox stands in for the vendors, and the connectors send it the vendors' credentials (Dataverse's
    /// and Typeform's are bearer tokens too): not this API's tokens, so they are not read as such. Each one used to be
    /// parsed as a JWT and logged by IdentityModel as an error, a dozen "fail" lines on every demo sync.
    /// </summary>
    private static void SkipSandboxRequests(JwtBearerOptions jwt)
    {
        jwt.Events ??= new JwtBearerEvents();
        var received = jwt.Events.OnMessageReceived;
        jwt.Events.OnMessageReceived = context =>
        {
            if (!context.Request.Path.StartsWithSegments(Sandbox.SandboxExtensions.PathPrefix, StringComparison.OrdinalIgnoreCase))
                return received(context);
            context.NoResult();
            return Task.CompletedTask;
        };
    }

    internal static HashSet<string> AllowedTenants(EntraIdOptions entra, TimelineAuthOptions auth, bool devTokens)
    {
        var allowed = new HashSet<string>(auth.AllowedTenants, StringComparer.OrdinalIgnoreCase);
        if (Guid.TryParse(entra.TenantId, out _)) allowed.Add(entra.TenantId);
        if (devTokens) allowed.Add(auth.DevTokens.TenantId);
        return allowed;
    }
}
