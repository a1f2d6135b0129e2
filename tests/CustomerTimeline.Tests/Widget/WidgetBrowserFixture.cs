using CustomerTimeline.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CustomerTimeline.Tests.Widget;

/// <summary>The API on a loopback port with <see cref="WidgetData"/>, and one headless Chromium shared by the browser tests.</summary>
public sealed class WidgetBrowserFixture : IAsyncLifetime
{
    /// <summary>The pretend CRM: its pages are served by Playwright routes, so no network is involved.</summary>
    public const string CrmOrigin = "http://crm.test";
    public const string EvilOrigin = "http://evil.test";

    public WidgetApiFactory Api { get; } = new();
    public string DanaId { get; private set; } = "";
    public string EveId { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright? _playwright;

    public async Task InitializeAsync()
    {
        if (!ChromiumFactAttribute.Available) return; // every test is skipped, saying why
        Api.Start();
        await Api.SeedAsync(async db => (DanaId, EveId) = await WidgetData.SeedAsync(db));
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-dev-shm-usage",
                // The pretend CRM (a routed page, so an unknown "public" address) calls the API on 127.0.0.1: Chromium's
                // local-network protection would block that. A real CRM and API are both public, so it never applies there.
                "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests",
            ],
        });
        // The machine is small and shared: waits are for conditions, with room for a slow moment.
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await Api.DisposeAsync();
    }

    public async Task<BrowserSession> OpenAsync(int width, int height)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.SetDefaultTimeout(20_000);
        var session = new BrowserSession(context, await context.NewPageAsync(), Api.BaseAddress);
        await context.RouteAsync(CrmOrigin + "/**", session.ServeCrmAsync);
        await context.RouteAsync(EvilOrigin + "/**", BrowserSession.ServeEvilAsync);
        return session;
    }
}

public sealed class WidgetApiFactory : KestrelTimelineApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Widget:AllowedOrigins:0"] = WidgetBrowserFixture.CrmOrigin,
        // The widget data is written directly, without insights, and the lanes test expects it so (unclassified
        // events): the background re-classification pass must not race the seeding and classify them.
        ["Journey:BackgroundEnabled"] = "false",
    };
}
