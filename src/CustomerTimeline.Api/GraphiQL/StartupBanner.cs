using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Hosting;

namespace CustomerTimeline.Api.GraphiQL;

/// <summary>Tells whoever ran `dotnet run` where to point a browser or a client.</summary>
public static partial class StartupBanner
{
    public static WebApplication LogEndpointsOnStart(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var graphiql = app.Services.GetRequiredService<IOptions<GraphQLHttpOptions>>().Value.EnableGraphiQL
                ?? app.Environment.IsDevelopment();
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CustomerTimeline");
            foreach (var root in ServerAddresses.Reachable(app.Services.GetRequiredService<IServer>(), "localhost"))
                LogEndpoint(logger, root + "/graphql", graphiql ? root + "/graphiql" : "(off)");
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "GraphQL endpoint: {GraphQL} · GraphiQL: {GraphiQL}")]
    private static partial void LogEndpoint(ILogger logger, string graphQL, string graphiQL);
}
