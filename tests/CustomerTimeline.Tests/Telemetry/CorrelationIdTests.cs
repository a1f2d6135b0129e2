using System.Net.Http.Json;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CustomerTimeline.Tests.Telemetry;

/// <summary>
/// The correlation id: a caller's safe X-Correlation-Id, else the trace id, echoed in the response and carried by
/// every log line written while the request runs, as the structured property the JSON console writes.
/// </summary>
public sealed class CorrelationIdTests : IAsyncLifetime
{
    private const string Header = "X-Correlation-Id";

    private readonly ConfiguredApiFactory _factory = new("Development", new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Debug",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
    }, services: s => s.AddLogging(logging => logging.AddFakeLogging()));

    public Task InitializeAsync() => _factory.SeedAsync(SampleData.SeedAsync);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_safe_id_is_echoed_and_carried_by_the_request_s_log_lines()
    {
        const string id = "ticket-4711.A_b";

        var response = await PostAsync(id);

        response.Headers.GetValues(Header).ShouldBe([id]);
        var scoped = RecordsScopedWith(id);
        // The authentication handler logs the validated token at Debug, inside the request.
        scoped.ShouldContain(r => r.Category != null && r.Category.StartsWith("Microsoft.AspNetCore.Authentication", StringComparison.Ordinal));
        var scope = scoped[0].Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>()
            .Single(s => s.Any(kv => kv.Key == "CorrelationId"));
        scope.ShouldBe([new KeyValuePair<string, object?>("CorrelationId", id)]);
        scope.ToString().ShouldBe("CorrelationId:" + id);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("<script>")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // 65 characters
    public async Task An_unsafe_id_is_replaced_by_the_trace_id(string given)
    {
        var response = await PostAsync(given);

        var echoed = response.Headers.GetValues(Header).Single();
        echoed.ShouldNotBe(given);
        echoed.ShouldMatch("^[0-9a-f]{32}$");
        RecordsScopedWith(echoed).ShouldNotBeEmpty();
        RecordsScopedWith(given).ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_one_each_request_gets_its_own_trace_id()
    {
        var first = (await PostAsync(null)).Headers.GetValues(Header).Single();
        var second = (await PostAsync(null)).Headers.GetValues(Header).Single();

        first.ShouldMatch("^[0-9a-f]{32}$");
        second.ShouldMatch("^[0-9a-f]{32}$");
        second.ShouldNotBe(first);
        RecordsScopedWith(first).ShouldNotBeEmpty();
    }

    private async Task<HttpResponseMessage> PostAsync(string? correlationId)
    {
        using var client = _factory.CreateGraphQLClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query = "{ customers(first: 1) { totalCount } }" }),
        };
        if (correlationId is not null) request.Headers.TryAddWithoutValidation(Header, correlationId);
        var response = await client.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response;
    }

    private List<FakeLogRecord> RecordsScopedWith(string id) =>
    [
        .. _factory.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Scopes
            .OfType<IEnumerable<KeyValuePair<string, object?>>>()
            .Any(s => s.Any(kv => kv.Key == "CorrelationId" && Equals(kv.Value, id)))),
    ];
}
