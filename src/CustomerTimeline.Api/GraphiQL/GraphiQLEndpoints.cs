using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Security;

namespace CustomerTimeline.Api.GraphiQL;

/// <summary>
/// GraphiQL for browsers, working offline: its UMD bundles come from the npm packages restored at build
/// time (ClientApp/node_modules), never from a CDN.
/// </summary>
public static class GraphiQLEndpoints
{
    // Only these files are served out of node_modules.
    private static readonly Dictionary<string, (string Path, string ContentType)> Assets = new(StringComparer.Ordinal)
    {
        ["react.js"] = ("react/umd/react.production.min.js", "text/javascript"),
        ["react-dom.js"] = ("react-dom/umd/react-dom.production.min.js", "text/javascript"),
        ["graphiql.js"] = ("graphiql/graphiql.min.js", "text/javascript"),
        ["graphiql.css"] = ("graphiql/graphiql.min.css", "text/css"),
    };

    public static IEndpointRouteBuilder MapGraphiQL(this WebApplication app, string pattern = "/graphiql")
    {
        ArgumentNullException.ThrowIfNull(app);
        var enabled = app.Services.GetRequiredService<IOptions<GraphQLHttpOptions>>().Value.EnableGraphiQL
            ?? app.Environment.IsDevelopment();
        if (!enabled) return app;

        // Without the npm packages (npm missing at build time) the page still maps and its assets answer 503 saying
        // why; a PhysicalFileProvider over a missing folder would throw and stop the whole API from starting.
        var root = Path.Combine(app.Environment.ContentRootPath, "ClientApp", "node_modules");
        IFileProvider modules = Directory.Exists(root) ? new PhysicalFileProvider(root) : new NullFileProvider();
        // In Development with dev tokens on, the page fetches a token itself; otherwise paste an
        // "Authorization: Bearer ..." header into GraphiQL's headers editor.
        var devTokenUrl = app.Services.GetService<DevTokenIssuer>() is not null ? DevTokenEndpoints.Path : null;
        app.MapGet(pattern, () => Results.Content(Page(pattern, devTokenUrl), "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapGet(pattern + "/assets/{name}", (string name) =>
        {
            if (!Assets.TryGetValue(name, out var asset)) return Results.NotFound();
            var file = modules.GetFileInfo(asset.Path);
            return file.Exists
                ? Results.Stream(file.CreateReadStream(), asset.ContentType)
                : Results.Problem("GraphiQL assets are missing: run `npm ci` in src/CustomerTimeline.Api/ClientApp (the build does this when npm is installed).", statusCode: 503);
        }).ExcludeFromDescription();
        return app;
    }

    private static string Page(string basePath, string? devTokenUrl) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8" />
          <title>CustomerTimeline GraphiQL</title>
          <link rel="icon" href="data:," />
          <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
          <link rel="stylesheet" href="{{basePath}}/assets/graphiql.css" />
        </head>
        <body>
          <div id="graphiql">Loading GraphiQL…</div>
          <script src="{{basePath}}/assets/react.js"></script>
          <script src="{{basePath}}/assets/react-dom.js"></script>
          <script src="{{basePath}}/assets/graphiql.js"></script>
          <script>
            const devTokenUrl = {{(devTokenUrl is null ? "null" : "'" + devTokenUrl + "'")}};
            let devToken = null, devTokenExpires = 0;
            // Subscriptions go over graphql-transport-ws; GraphiQL sends the request's headers (the dev token's, or
            // those typed in its headers editor) as connection_init's payload, where the API reads Authorization.
            const endpoint = new URL('/graphql', location.href).toString();
            const graphqlFetcher = GraphiQL.createFetcher({ url: endpoint, subscriptionUrl: endpoint.replace(/^http/, 'ws') });
            // Dev tokens expire: fetch one before the first call and again shortly before it runs out.
            async function authorization() {
              if (!devTokenUrl) return {};
              if (!devToken || Date.now() > devTokenExpires) {
                const r = await fetch(devTokenUrl, { method: 'POST' });
                const t = await r.json();
                devToken = t.access_token;
                devTokenExpires = Date.now() + (t.expires_in - 60) * 1000;
              }
              return { Authorization: 'Bearer ' + devToken };
            }
            const fetcher = async (params, options) => graphqlFetcher(params,
              { ...options, headers: { ...(await authorization()), ...((options && options.headers) || {}) } });
            const defaultQuery = `# The agent's first question: who is this and what happened lately?
        query FirstQuery {
          customers(first: 3) {
            totalCount
            nodes {
              id
              displayName
              company
              timeline(first: 5) {
                nodes { __typename occurredAt source channel title }
              }
            }
          }
        }`;
            ReactDOM.createRoot(document.getElementById('graphiql')).render(
              React.createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: true }));
          </script>
        </body>
        </html>
        """;
}
