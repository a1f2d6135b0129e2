using System.Collections.Concurrent;
using System.Net;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CustomerTimeline.Tests.Widget;

/// <summary>
/// One browser context and page, with the pretend CRM's pages, and everything the page said: console errors,
/// uncaught exceptions, warnings, the requests to /graphql and the frames sent on WebSockets.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly Uri _api;

    public BrowserSession(IBrowserContext context, IPage page, Uri api)
    {
        Context = context;
        Page = page;
        _api = api;
        page.Console += (_, message) =>
        {
            if (message.Type == "error") Errors.Add("console: " + message.Text);
            if (message.Type == "warning") Warnings.Add(message.Text);
        };
        page.PageError += (_, error) => Errors.Add("page error: " + error);
        page.Request += (_, request) =>
        {
            if (request.Url.StartsWith(api + "graphql", StringComparison.Ordinal) && request.Method == "POST")
                GraphQLRequests.Add((request.Headers.GetValueOrDefault("authorization"), request.PostData ?? ""));
        };
        page.WebSocket += (_, socket) => socket.FrameSent += (_, frame) => SocketFramesSent.Add(frame.Text ?? "");
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public ConcurrentBag<string> Errors { get; } = [];
    public ConcurrentBag<string> Warnings { get; } = [];
    public ConcurrentBag<(string? Authorization, string Body)> GraphQLRequests { get; } = [];
    public ConcurrentBag<string> SocketFramesSent { get; } = [];

    /// <summary>The shadow DOM of the first widget on the page (Playwright's CSS locators pierce open shadow roots).</summary>
    public ILocator Widget => Page.Locator("customer-timeline");

    public void ShouldHaveNoConsoleErrors() => Errors.ShouldBeEmpty(string.Join("\n", Errors));

    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(RepositoryPaths.Screenshots);
        var path = Path.Combine(RepositoryPaths.Screenshots, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>
    /// /sidebar?customerId=..&amp;height=..: a CRM page with the web component in a sidebar, token set from script.
    /// /embed-host?customerId=..: a CRM page framing /embed/timeline, plus a hostile frame from another origin.
    /// Either takes source=..&amp;externalId=.. (the CRM's own record id) instead of customerId.
    /// </summary>
    internal async Task ServeCrmAsync(IRoute route)
    {
        var url = new Uri(route.Request.Url);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var byKey = query["source"] is not null;
        var attributes = byKey
            ? $"source=\"{WebUtility.HtmlEncode(query["source"])}\" external-id=\"{WebUtility.HtmlEncode(query["externalId"])}\""
            : $"customer-id=\"{WebUtility.HtmlEncode(query["customerId"] ?? "")}\"";
        var embedQuery = WebUtility.HtmlEncode(byKey
            ? $"source={Uri.EscapeDataString(query["source"]!)}&externalId={Uri.EscapeDataString(query["externalId"] ?? "")}"
            : $"customerId={Uri.EscapeDataString(query["customerId"] ?? "")}");
        var api = _api.ToString().TrimEnd('/');
        var html = url.AbsolutePath switch
        {
            "/sidebar" => $$"""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CRM sidebar</title><link rel="icon" href="data:,">
                <style>body { margin: 0; font-family: sans-serif; } customer-timeline { height: {{query["height"] ?? "600"}}px; }</style>
                <script type="module" src="{{api}}/widget/customer-timeline.js"></script></head>
                <body><customer-timeline {{attributes}} endpoint="{{api}}/graphql" wait-for-token></customer-timeline>
                <script type="module">
                  window.hostMarker = 'set before any live update';
                  await customElements.whenDefined('customer-timeline');
                  document.querySelector('customer-timeline').setToken('{{WidgetTokens.Crm}}');
                </script></body></html>
                """,
            "/embed-host" => $$"""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CRM with iframe</title><link rel="icon" href="data:,">
                <style>body { margin: 0; display: flex; } iframe { width: 340px; height: 700px; border: 0; }</style></head>
                <body><iframe id="timeline" title="Customer timeline" src="{{api}}/embed/timeline?{{embedQuery}}"></iframe>
                <iframe id="hostile" title="ad" src="{{WidgetBrowserFixture.EvilOrigin}}/ad"></iframe>
                <script>
                  const api = '{{api}}', evil = '{{WidgetBrowserFixture.EvilOrigin}}';
                  let ready = false, hostileLoaded = false;
                  // Once both frames listen, let the hostile frame try to slip its own token in, then hand over the real one.
                  const provoke = () => { if (ready && hostileLoaded) document.getElementById('hostile').contentWindow.postMessage('go', evil); };
                  addEventListener('message', (e) => {
                    if (e.origin === api && e.data?.type === 'customer-timeline:ready') { ready = true; provoke(); }
                    else if (e.origin === evil && e.data === 'loaded') { hostileLoaded = true; provoke(); }
                    else if (e.origin === evil && e.data === 'tried') {
                      document.getElementById('timeline').contentWindow.postMessage({ type: 'customer-timeline:token', token: '{{WidgetTokens.Host}}' }, api);
                    }
                  });
                </script></body></html>
                """,
            _ => null,
        };
        await FulfillAsync(route, html);
    }

    internal static async Task ServeEvilAsync(IRoute route)
    {
        var html = new Uri(route.Request.Url).AbsolutePath == "/ad"
            ? """
              <!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>ad
              <script>
                parent.postMessage('loaded', '*');
                addEventListener('message', (e) => {
                  if (e.data !== 'go') return;
                  parent.frames[0].postMessage({ type: 'customer-timeline:token', token: 'stolen-token' }, '*');
                  parent.postMessage('tried', '*');
                });
              </script></body></html>
              """
            : null;
        await FulfillAsync(route, html);
    }

    private static Task FulfillAsync(IRoute route, string? html) => html is null
        ? route.FulfillAsync(new RouteFulfillOptions { Status = 404, Body = "" })
        : route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html; charset=utf-8", Body = html });

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
