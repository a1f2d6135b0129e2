using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using CustomerTimeline.Api.GraphQLServer;

namespace CustomerTimeline.Api.GraphiQL;

/// <summary>Tells whoever ran `dotnet run` where to point a browser or a client.</summary>
public static partial class StartupBanner
{
    public static WebApplication LogEndpointsOnStart(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var graphiql = app.Services.GetRequiredService<IOptions<GraphQLHttpOptions>>().Value.EnableGraphiQL
                ?? app.Environment.IsDevelopment();
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CustomerTimeline");
            foreach (var address in addresses)
            {
                var root = address.Replace("://[::]", "://localhost", StringComparison.Ordinal)
                    .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
                    .Replace("://+", "://localhost", StringComparison.Ordinal);
                LogEndpoint(logger, root + "/graphql", graphiql ? root + "/graphiql" : "(off)");
            }
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "GraphQL endpoint: {GraphQL} · GraphiQL: {GraphiQL}")]
    private static partial void LogEndpoint(ILogger logger, string graphQL, string graphiQL);
}
