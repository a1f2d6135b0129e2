using System.Diagnostics;
using System.Text.Json.Nodes;
using CustomerTimeline.Api.Live;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Live;

/// <summary>The real npm graphql-ws client (tests/node) against the API on a loopback port.</summary>
public sealed class GraphQLWsNpmClientTests : IAsyncLifetime
{
    private readonly KestrelTimelineApiFactory _api = new();

    public async Task InitializeAsync()
    {
        _api.Start();
        await _api.SeedAsync(SampleData.SeedAsync);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task The_npm_graphql_ws_client_receives_a_published_event()
    {
        var script = Path.Combine(RepositoryPaths.Root, "tests", "node", "subscribe-timeline.mjs");
        File.Exists(Path.Combine(RepositoryPaths.Root, "tests", "node", "node_modules", "graphql-ws", "package.json"))
            .ShouldBeTrue("tests/node has no node_modules: run `npm ci` in tests/node (the test project's build does it when npm is installed)");

        var visit = SampleData.Visit(1, "npm-visit-" + Guid.NewGuid().ToString("N"), SampleData.T0.AddDays(50), "cafecafecafecafe");
        await _api.SeedAsync(db =>
        {
            db.Events.Add(visit);
            return Task.CompletedTask;
        });

        var start = new ProcessStartInfo("node", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        start.Environment["CT_WS_URL"] = _api.WebSocketUri.ToString();
        start.Environment["CT_CUSTOMER_ID"] = GlobalId.Encode(GlobalId.CustomerType, 1);
        start.Environment["CT_TOKEN"] = TestTokens.Mint();
        start.Environment["CT_TIMEOUT_MS"] = "30000";
        using var node = Process.Start(start)!;
        var stderr = node.StandardError.ReadToEndAsync();
        try
        {
            (await ReadEventAsync(node)).ShouldBe("connected", await Diagnostics());
            // The server registers the subscription a moment after `subscribe` and the protocol does not
            // acknowledge it: publish until the client reports its `next` (bounded by the client's own timeout).
            var notifier = _api.Services.GetRequiredService<ITimelineNotifier>();
            var nextLine = ReadLineAsync(node);
            while (!nextLine.IsCompleted)
            {
                notifier.EventAdded(1, visit.Id);
                await Task.WhenAny(nextLine, Task.Delay(100));
            }
            var next = JsonNode.Parse((await nextLine) ?? throw new ShouldAssertException("node ended without output: " + await Diagnostics()))!;
            next["event"]!.GetValue<string>().ShouldBe("next");
            var added = next["payload"]!["data"]!["timelineEventAdded"]!;
            added["__typename"]!.GetValue<string>().ShouldBe("WebVisitEvent");
            added["id"]!.GetValue<string>().ShouldBe(GlobalId.Encode(GlobalId.EventType, visit.Id));
            added["source"]!.GetValue<string>().ShouldBe("MATOMO");
            next["payload"]!["errors"].ShouldBeNull();

            await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            node.ExitCode.ShouldBe(0, await stderr);
        }
        finally
        {
            if (!node.HasExited) node.Kill(entireProcessTree: true);
        }

        async Task<string> Diagnostics() => node.HasExited ? $"exit {node.ExitCode}: {await stderr}" : "still running";
    }

    private static async Task<string?> ReadEventAsync(Process node)
    {
        var line = await ReadLineAsync(node);
        return line is null ? null : JsonNode.Parse(line)!["event"]!.GetValue<string>();
    }

    private static Task<string?> ReadLineAsync(Process node) =>
        node.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(45));
}
