using System.Net;
using System.Text.Json.Nodes;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Tests.Infrastructure;
using CustomerTimeline.Tests.Sync;
using static CustomerTimeline.Tests.Sync.Records;

namespace CustomerTimeline.Tests.Health;

public sealed class HealthEndpointTests
{
    private static async Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(TimelineApiFactory api, string path)
    {
        using var client = api.CreateClient();
        using var response = await client.GetAsync(path);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task Live_and_ready_answer_without_a_token_in_the_health_check_format()
    {
        await using var api = new TimelineApiFactory();
        var (liveStatus, live) = await GetAsync(api, "/health/live");
        liveStatus.ShouldBe(HttpStatusCode.OK);
        live["status"]!.GetValue<string>().ShouldBe("Healthy");

        var (readyStatus, ready) = await GetAsync(api, "/health/ready");
        readyStatus.ShouldBe(HttpStatusCode.OK);
        ready["checks"]!["database"]!["status"]!.GetValue<string>().ShouldBe("Healthy");
        ready["checks"]!["migrations"]!["status"]!.GetValue<string>().ShouldBe("Healthy");
        ready["checks"]!["sources"]!["status"]!.GetValue<string>().ShouldBe("Healthy"); // no source configured
    }

    [Fact]
    public async Task A_configured_source_that_never_synced_makes_readiness_degraded_until_it_does()
    {
        var connector = new ScriptedConnector(EventSource.Zendesk, "tickets").Page(Ticket("t1", 1, "First", Email("ann@example.com")));
        using var api = new SyncApiFactory(connector);

        var (_, before) = await GetAsync(api, "/health/ready");
        before["status"]!.GetValue<string>().ShouldBe("Degraded");
        before["checks"]!["sources"]!["description"]!.GetValue<string>().ShouldContain("Zendesk");

        await api.RunAsync(EventSource.Zendesk);
        var (status, after) = await GetAsync(api, "/health/ready");
        status.ShouldBe(HttpStatusCode.OK);
        after["checks"]!["sources"]!["status"]!.GetValue<string>().ShouldBe("Healthy");

        api.Time.Advance(TimeSpan.FromHours(2)); // beyond Health:SourceFreshness
        var (_, stale) = await GetAsync(api, "/health/ready");
        stale["checks"]!["sources"]!["status"]!.GetValue<string>().ShouldBe("Degraded");
    }
}
