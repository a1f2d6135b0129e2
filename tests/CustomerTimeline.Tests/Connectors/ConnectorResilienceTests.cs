using CustomerTimeline.Api.Connectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace CustomerTimeline.Tests.Connectors;

/// <summary>
/// The fault matrix every vendor client must survive, run against each vendor's real endpoint shape through
/// the DI-built client: Retry-After honoured on 429, 503 bursts, slow attempts, malformed 200s, a rate limit
/// past the budget, and the circuit breaker opening on a dead vendor then closing after it recovers.
/// </summary>
public abstract class ConnectorResilienceTests(WireMockFixture wireMock)
{
    protected WireMockServer Server { get; } = ResetServer(wireMock.Server);

    /// <summary>The request the connector sends for the page under test (path and method).</summary>
    protected abstract IRequestBuilder PageRequest();

    /// <summary>A valid page with at least one mappable record and end of stream.</summary>
    protected abstract string ValidPage { get; }

    protected abstract Dictionary<string, string?> Settings(string baseUrl);

    protected abstract Task<SourcePage> FetchAsync(ConnectorTestHost host);

    [Fact]
    public async Task Honours_Retry_After_on_429_then_succeeds()
    {
        Given("throttled", 429, retryAfter: "30", next: "ok");
        Given("ok", 200, body: ValidPage);
        await using var host = CreateHost();
        var started = host.Time.GetUtcNow();

        var page = await host.Drive(() => FetchAsync(host));

        page.Records.ShouldNotBeEmpty();
        Server.LogEntries.Count.ShouldBe(2);
        (host.Time.GetUtcNow() - started).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Retries_a_burst_of_503_then_succeeds()
    {
        Given("down-1", 503, next: "down-2");
        Given("down-2", 503, next: "ok");
        Given("ok", 200, body: ValidPage);
        await using var host = CreateHost();

        var page = await host.Drive(() => FetchAsync(host));

        page.Records.ShouldNotBeEmpty();
        Server.LogEntries.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Attempts_are_logged_under_the_vendors_name_a_failed_one_as_a_warning_a_successful_one_at_debug()
    {
        Given("down", 503, next: "ok");
        Given("ok", 200, body: ValidPage);
        await using var host = CreateHost();

        await host.Drive(() => FetchAsync(host));

        var attempts = host.Services.GetFakeLogCollector().GetSnapshot()
            .Where(r => r.Category == "Polly" && r.Message.StartsWith("Execution attempt", StringComparison.Ordinal)).ToList();
        var vendor = Section[(Section.LastIndexOf(':') + 1)..].ToLowerInvariant();
        attempts.ShouldAllBe(r => r.Message.Contains($"Source: '{vendor}-resilience//retry'"));
        attempts.Select(r => r.Level).ShouldBe([LogLevel.Warning, LogLevel.Debug], "the 503, then the page");
    }

    [Fact]
    public async Task An_empty_response_is_a_clear_failure_and_the_next_call_recovers()
    {
        // The vendor answers with no body at all; a 200 is never retried blindly, so the run fails cleanly (its cursor
        // stays where the last committed page left it) and the next run reads the page.
        Server.Given(PageRequest()).InScenario("empty").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithFault(FaultType.EMPTY_RESPONSE));
        Server.Given(PageRequest()).InScenario("empty").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(ValidPage));
        await using var host = CreateHost();

        var failure = await Should.ThrowAsync<SourceUnavailableException>(() => host.Drive(() => FetchAsync(host)));
        failure.Failure.ShouldBe(SourceFailure.MalformedResponse);
        var page = await host.Drive(() => FetchAsync(host));
        page.Records.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Abandons_a_slow_attempt_at_the_attempt_timeout_and_retries()
    {
        // The first attempt hangs (0.7 s real, far beyond the 10 s fake attempt timeout); later ones answer at once.
        var calls = 0;
        var hungAttemptDone = new TaskCompletionSource();
        Server.Given(PageRequest()).RespondWith(Response.Create().WithCallback(async _ =>
        {
            // Awaited, not slept: a blocked pool thread on a 2-core runner would also stall the fake clock.
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(700));
                hungAttemptDone.SetResult();
            }
            return (IResponseMessage)new ResponseMessage
            {
                StatusCode = 200,
                Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
                BodyData = new BodyData { BodyAsString = ValidPage, DetectedBodyType = BodyType.String },
            };
        }));
        await using var host = CreateHost(new() { [$"{Section}:Resilience:AttemptTimeout"] = "00:00:10" });

        // 1 s steps: the retried attempt gets ~200 ms of real time before its own 10 s would run out.
        var page = await host.Drive(() => FetchAsync(host), TimeSpan.FromSeconds(1));

        page.Records.ShouldNotBeEmpty();
        Volatile.Read(ref calls).ShouldBe(2, "the hung attempt, then its retry");
        // Let the hung request finish and be logged, so its late entry cannot land in the next test's server log.
        await hungAttemptDone.Task;
        for (var wait = 0; wait < 50 && Server.LogEntries.Count < 2; wait++) await Task.Delay(10);
    }

    [Fact]
    public async Task Malformed_json_on_a_200_is_a_clear_error_and_is_not_retried()
    {
        Given(null, 200, body: "{\"unterminated\": [ {");
        await using var host = CreateHost();

        var error = await Should.ThrowAsync<SourceUnavailableException>(() => host.Drive(() => FetchAsync(host)));

        error.Failure.ShouldBe(SourceFailure.MalformedResponse);
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_budget_defers_the_run_at_once()
    {
        Given(null, 429, retryAfter: "3600");
        await using var host = CreateHost();

        var error = await Should.ThrowAsync<SourceRateLimitedException>(() => host.Drive(() => FetchAsync(host)));

        error.RetryAfter.ShouldBe(TimeSpan.FromHours(1));
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_surfaces_as_rate_limited()
    {
        Given(null, 429, retryAfter: "10");
        await using var host = CreateHost(new() { [$"{Section}:Resilience:MaxRetryAttempts"] = "2" });

        var error = await Should.ThrowAsync<SourceRateLimitedException>(() => host.Drive(() => FetchAsync(host)));

        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(10));
        Server.LogEntries.Count.ShouldBe(3);
    }

    [Fact]
    public async Task The_breaker_opens_on_a_dead_vendor_and_closes_after_it_recovers()
    {
        Given(null, 503);
        await using var host = CreateHost();

        // The vendor's default breaker settings, which must open within a few runs at the vendor's request rate.
        SourceUnavailableException? failure = null;
        for (var run = 0; run < 5 && failure?.Failure != SourceFailure.CircuitOpen; run++)
            failure = await Should.ThrowAsync<SourceUnavailableException>(() => host.Drive(() => FetchAsync(host)));
        failure!.Failure.ShouldBe(SourceFailure.CircuitOpen);
        var callsWhileDead = Server.LogEntries.Count;
        callsWhileDead.ShouldBeGreaterThan(1);

        var open = await Should.ThrowAsync<SourceUnavailableException>(() => FetchAsync(host));
        open.Failure.ShouldBe(SourceFailure.CircuitOpen);
        Server.LogEntries.Count.ShouldBe(callsWhileDead, "an open breaker fails fast without calling the vendor");

        Server.Reset();
        Given(null, 200, body: ValidPage);
        host.Time.Advance(BreakDuration(host) + TimeSpan.FromSeconds(1));

        (await FetchAsync(host)).Records.ShouldNotBeEmpty();
        (await FetchAsync(host)).Records.ShouldNotBeEmpty();
        Server.LogEntries.Count.ShouldBe(2);
    }

    protected abstract string Section { get; }

    protected abstract TimeSpan BreakDuration(ConnectorTestHost host);

    protected ConnectorTestHost CreateHost(Dictionary<string, string?>? overrides = null)
    {
        var settings = Settings(Server.Url!);
        foreach (var (key, value) in ConnectorTestHost.TestResilience(Section)) settings.TryAdd(key, value);
        foreach (var (key, value) in overrides ?? []) settings[key] = value;
        return CreateHostFrom(settings);
    }

    protected virtual ConnectorTestHost CreateHostFrom(Dictionary<string, string?> settings) => ConnectorTestHost.Create(settings);

    /// <summary>A response for the page request in scenario state <paramref name="state"/> (null: every state).</summary>
    protected void Given(string? state, int status, string? body = null, string? retryAfter = null, string? next = null)
    {
        var response = Response.Create().WithStatusCode(status);
        if (body is not null) response = response.WithHeader("Content-Type", "application/json").WithBody(body);
        if (retryAfter is not null) response = response.WithHeader("Retry-After", retryAfter);

        var mapping = Server.Given(PageRequest());
        if (state is null)
        {
            mapping.RespondWith(response);
            return;
        }
        var inScenario = mapping.InScenario("page");
        // The first state given is the scenario's start, which WireMock matches before any transition.
        var stated = states.Count == 0 ? inScenario : inScenario.WhenStateIs(state);
        states.Add(state);
        (next is null ? stated : stated.WillSetStateTo(next)).RespondWith(response);
    }

    private readonly HashSet<string> states = [];

    private static WireMockServer ResetServer(WireMockServer server)
    {
        server.Reset();
        return server;
    }
}
