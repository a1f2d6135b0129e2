using System.Net;
using CustomerTimeline.Api.Data;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CustomerTimeline.Api.Widget;

/// <summary>
/// The embeddable timeline: the web component (/widget/customer-timeline.js), the iframe page for hosts that
/// prefer one (/embed/timeline), and a demo host page in Development (/widget/demo).
/// </summary>
public static class WidgetEndpoints
{
    /// <summary>CORS policy letting the allowed CRM origins call /graphql from the browser.</summary>
    public const string CorsPolicy = "CustomerTimelineWidget";

    // Query keys that look like credentials: a token in a URL ends up in access logs, proxies and Referer headers.
    private static readonly string[] TokenLikeKeys = ["token", "access_token", "id_token", "bearer", "authorization", "auth", "jwt"];

    public static WebApplicationBuilder AddWidget(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<WidgetOptions>()
            .Bind(builder.Configuration.GetSection(WidgetOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WidgetOptions>, WidgetOptionsValidator>();
        builder.Services.AddCors();
        builder.Services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<WidgetOptions>>((cors, widget) => cors.AddPolicy(CorsPolicy, policy => policy
                // Bearer tokens, never cookies: no credentials mode, so no host can ride on a user's session.
                .WithOrigins([.. widget.Value.AllowedOrigins])
                .WithMethods("GET", "POST")
                .WithHeaders("Authorization", "Content-Type", "Accept")
                .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return builder;
    }

    public static WebApplication MapWidget(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<WidgetOptions>>().Value;

        MapAsset(app, "/widget/customer-timeline.js", "customer-timeline.js", crossOrigin: true);
        MapAsset(app, "/embed/timeline.js", "embed.js", crossOrigin: false);
        MapAsset(app, "/embed/timeline.css", "embed.css", crossOrigin: false);
        app.MapGet("/embed/timeline", (HttpContext context) => EmbedPage(context, options)).ExcludeFromDescription();

        if (options.EnableDemo ?? app.Environment.IsDevelopment())
        {
            MapAsset(app, "/widget/demo.js", "demo.js", crossOrigin: false);
            MapAsset(app, "/widget/demo.css", "demo.css", crossOrigin: false);
            app.MapGet("/widget/demo", (HttpContext context) =>
            {
                SetPageHeaders(context, "'self'");
                return Results.Content(DemoPage, "text/html; charset=utf-8");
            }).ExcludeFromDescription();
        }
        return app;
    }

    private static void MapAsset(WebApplication app, string path, string name, bool crossOrigin)
    {
        var asset = WidgetAssets.Get(name);
        app.MapGet(path, (HttpContext context) =>
        {
            var headers = context.Response.Headers;
            headers.ETag = asset.ETag;
            headers.CacheControl = "no-cache";
            headers.XContentTypeOptions = "nosniff";
            if (crossOrigin)
            {
                // CRM pages load it as a module script, which browsers fetch in CORS mode; it holds no data.
                headers.AccessControlAllowOrigin = "*";
                headers["Cross-Origin-Resource-Policy"] = "cross-origin";
            }
            if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
                return Results.StatusCode(StatusCodes.Status304NotModified);
            return Results.Bytes(asset.Content, asset.ContentType);
        }).ExcludeFromDescription();
    }

    private static IResult EmbedPage(HttpContext context, WidgetOptions options)
    {
        if (TokenLikeKeys.Any(k => context.Request.Query.ContainsKey(k)))
        {
            return Results.Problem(
                "A token is never accepted in the URL: the host page hands it over with window.postMessage({ type: 'customer-timeline:token', token }, origin).",
                statusCode: StatusCodes.Status400BadRequest, title: "Token in URL");
        }
        if (EmbedTarget(context.Request.Query) is not { } target)
        {
            return Results.Problem(
                "Pass one customer's global id, /embed/timeline?customerId=..., or the record id a source knows them by, " +
                "/embed/timeline?source=DATAVERSE&externalId=... (source: DATAVERSE, ZENDESK, MATOMO or TYPEFORM).",
                statusCode: StatusCodes.Status400BadRequest, title: "Missing customer");
        }

        var ancestors = string.Join(' ', ["'self'", .. options.AllowedOrigins]);
        SetPageHeaders(context, ancestors);
        context.Response.Headers.CacheControl = "no-store";
        var origins = WebUtility.HtmlEncode(string.Join(' ', options.AllowedOrigins));
        return Results.Content($$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <meta name="customer-timeline-allowed-origins" content="{{origins}}">
              <title>Customer timeline</title>
              <link rel="icon" href="data:,">
              <link rel="stylesheet" href="/embed/timeline.css">
              <script type="module" src="/embed/timeline.js"></script>
            </head>
            <body>
              <customer-timeline {{target}} wait-for-token></customer-timeline>
            </body>
            </html>
            """, "text/html; charset=utf-8");
    }

    /// <summary>
    /// The widget's attributes for customerId, or for source + externalId (what a CRM sidebar knows: its record's id);
    /// null unless exactly one of the two is given, once each, within the sizes the API accepts.
    /// </summary>
    private static string? EmbedTarget(IQueryCollection query)
    {
        static string? One(IQueryCollection query, string key, int max) =>
            query.TryGetValue(key, out var values) && values.Count == 1 && !string.IsNullOrWhiteSpace(values[0]) && values[0]!.Length <= max
                ? values[0]
                : null;

        var byKey = query.ContainsKey("source") || query.ContainsKey("externalId");
        if (query.ContainsKey("customerId"))
            return !byKey && One(query, "customerId", 200) is { } id ? $"customer-id=\"{WebUtility.HtmlEncode(id)}\"" : null;
        var source = One(query, "source", 20);
        var externalId = One(query, "externalId", 320);
        // A source's name exactly (any case): Enum.TryParse would also take numbers, spaces and comma lists.
        return source is not null && externalId is not null
            && Array.Exists(Enum.GetNames<EventSource>(), name => name.Equals(source, StringComparison.OrdinalIgnoreCase))
            ? $"source=\"{WebUtility.HtmlEncode(source.ToUpperInvariant())}\" external-id=\"{WebUtility.HtmlEncode(externalId)}\""
            : null;
    }

    /// <summary>Only this API's own scripts, styles and endpoints; framing only by the given ancestors.</summary>
    private static void SetPageHeaders(HttpContext context, string frameAncestors)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
            $"frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors {frameAncestors}";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin-allow-popups";
    }

    private const string DemoPage = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>CustomerTimeline widget demo</title>
          <link rel="icon" href="data:,">
          <link rel="stylesheet" href="/widget/demo.css">
          <script type="module" src="/widget/demo.js"></script>
        </head>
        <body>
          <div class="crm-bar">
            <h1>Demo CRM · Contact</h1>
            <label>Customer <select id="customer"></select></label>
            <label>Bearer token (when the API requires one) <input id="token" type="password" autocomplete="off" placeholder="none"></label>
          </div>
          <main>
            <section class="record" aria-labelledby="record-name">
              <h2 id="record-name">Loading…</h2>
              <p id="record-company"></p>
              <p>This stands for the CRM's own record form. The two sidebars show the two ways to embed the timeline.</p>
              <h3>1. Web component</h3>
              <pre>&lt;script type="module" src="https://YOUR-API/widget/customer-timeline.js"&gt;&lt;/script&gt;
        &lt;customer-timeline customer-id="CUSTOMER_GLOBAL_ID"&gt;&lt;/customer-timeline&gt;
        &lt;!-- or by the CRM record's own id --&gt;
        &lt;customer-timeline source="DATAVERSE" external-id="CONTACT_ID"&gt;&lt;/customer-timeline&gt;
        &lt;script&gt;document.querySelector('customer-timeline').setToken(accessToken);&lt;/script&gt;</pre>
              <h3>2. iframe</h3>
              <pre>&lt;iframe src="https://YOUR-API/embed/timeline?customerId=CUSTOMER_GLOBAL_ID"&gt;&lt;/iframe&gt;
        &lt;iframe src="https://YOUR-API/embed/timeline?source=DATAVERSE&amp;externalId=CONTACT_ID"&gt;&lt;/iframe&gt;
        addEventListener('message', e =&gt; {
          if (e.origin === 'https://YOUR-API' &amp;&amp; e.data.type === 'customer-timeline:ready')
            e.source.postMessage({ type: 'customer-timeline:token', token: accessToken }, 'https://YOUR-API');
        });</pre>
            </section>
            <aside class="sidebar" aria-label="Timeline as a web component">
              <h2>Sidebar: web component</h2>
              <customer-timeline id="direct" wait-for-token></customer-timeline>
            </aside>
            <aside class="sidebar" aria-label="Timeline in an iframe">
              <h2>Sidebar: iframe</h2>
              <iframe id="framed" title="Customer timeline"></iframe>
            </aside>
          </main>
        </body>
        </html>
        """;
}
