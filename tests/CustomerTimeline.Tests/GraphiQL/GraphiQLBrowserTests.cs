using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CustomerTimeline.Api.Live;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Tests.Infrastructure;
using CustomerTimeline.Tests.Widget;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace CustomerTimeline.Tests.GraphiQL;

/// <summary>GraphiQL in headless Chromium against the real API in Development: it loads, gets a dev token, runs its first query and a subscription.</summary>
public sealed class GraphiQLBrowserTests
{
    [ChromiumFact]
    public async Task The_first_query_and_a_subscription_run_with_a_dev_token()
    {
        await using var api = new GraphiQLApiFactory();
        api.Start();
        await api.SeedAsync(SampleData.SeedAsync);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(30_000);
        var errors = new ConcurrentBag<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        var graphqlCalls = new ConcurrentBag<string?>();
        page.Request += (_, r) => { if (r.Url.EndsWith("/graphql", StringComparison.Ordinal) && r.Method == "POST") graphqlCalls.Add(r.Headers.GetValueOrDefault("authorization")); };

        // GraphiQL reads the schema with its introspection query (15 levels deep) for completion and the docs.
        var schemaAnswer = page.WaitForResponseAsync(r => r.Url.EndsWith("/graphql", StringComparison.Ordinal) && (r.Request.PostData ?? "").Contains("__schema", StringComparison.Ordinal));
        await page.GotoAsync(new Uri(api.BaseAddress, "/graphiql").ToString());
        await Expect(page.Locator(".graphiql-container")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var schema = await schemaAnswer;
        schema.Status.ShouldBe(200);
        var schemaBody = JsonNode.Parse(await schema.TextAsync())!;
        schemaBody["errors"].ShouldBeNull(schemaBody["errors"]?.ToJsonString());
        schemaBody["data"]!["__schema"]!["types"]!.AsArray().ShouldNotBeEmpty();
        await page.Locator(".graphiql-execute-button").ClickAsync();

        var result = page.Locator(".result-window");
        await Expect(result).ToContainTextAsync("\"totalCount\"", new() { Timeout = 30_000 });
        var text = await result.InnerTextAsync();
        text.ShouldNotContain("\"errors\"");
        text.ShouldContain("Alice");
        // Every call carried the dev token the page fetched itself (the schema's introspection included).
        graphqlCalls.ShouldNotBeEmpty();
        graphqlCalls.ShouldAllBe(a => a != null && a.StartsWith("Bearer ", StringComparison.Ordinal));

        // A subscription runs over the WebSocket, its connection_init carrying the same token.
        var alice = GlobalId.Encode(GlobalId.CustomerType, 1);
        await page.EvaluateAsync("q => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(q)",
            $"subscription Live {{ timelineEventAdded(customerId: \"{alice}\") {{ __typename title }} }}");
        // GraphiQL reads the operation's name from the editor a moment after an edit.
        await Task.Delay(1000);
        await page.Locator(".graphiql-execute-button").ClickAsync();
        var visit = SampleData.Visit(1, "graphiql-live-" + Guid.NewGuid().ToString("N"), SampleData.T0.AddDays(40), "feedfeedfeedfeed");
        await api.SeedAsync(db =>
        {
            db.Events.Add(visit);
            return Task.CompletedTask;
        });
        var notifier = api.Services.GetRequiredService<ITimelineNotifier>();
        // The subscription starts once the socket is up: publish until it shows.
        for (var i = 0; i < 100 && (await result.InnerTextAsync()) is var shown && !shown.Contains("WebVisitEvent", StringComparison.Ordinal); i++)
        {
            // On a slow machine GraphiQL may still send the previous operation's name: run it again.
            if (shown.Contains("INVALID_OPERATION_NAME", StringComparison.Ordinal)) await page.Locator(".graphiql-execute-button").ClickAsync();
            notifier.EventAdded(1, visit.Id);
            await Task.Delay(200);
        }
        await Expect(result).ToContainTextAsync("\"timelineEventAdded\"");
        await Expect(result).ToContainTextAsync(visit.Title);
        Directory.CreateDirectory(RepositoryPaths.Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, "graphiql-first-query.png") });
        errors.ShouldBeEmpty(string.Join("\n", errors));
    }

    private sealed class GraphiQLApiFactory : KestrelTimelineApiFactory
    {
        protected override bool UseTestSigningKey => false;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["GraphQL:EnableGraphiQL"] = "true",
            ["Auth:DevTokens:Enabled"] = "true",
        };
    }
}
