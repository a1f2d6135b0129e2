using System.Net;
using System.Text;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Security;

/// <summary>Each limit rejects its attack with a clear error and a 4xx, never a server error.</summary>
public sealed class AbuseLimitTests(SampleApiFixture fixture) : IClassFixture<SampleApiFixture>
{
    private static void ShouldBeRejected(GraphQLResponse r, string code, string messagePart)
    {
        r.Status.ShouldBe(HttpStatusCode.BadRequest, r.Body.ToJsonString());
        r.FirstErrorCode.ShouldBe(code, r.Body.ToJsonString());
        r.FirstErrorMessage.ShouldContain(messagePart, Case.Insensitive);
        r.Data.ShouldBeNull();
    }

    [Fact]
    public async Task Too_deep_a_query_is_rejected()
    {
        var inner = "title";
        for (var i = 0; i < 5; i++) inner = $"customer {{ timeline(first: 1) {{ nodes {{ {inner} }} }} }}";
        var r = await fixture.Client.PostAsync($"{{ customers(first: 1) {{ nodes {{ timeline(first: 1) {{ nodes {{ {inner} }} }} }} }} }}");
        ShouldBeRejected(r, "COMPLEXITY", "depth");
    }

    [Fact]
    public async Task A_document_nested_past_the_parsers_limit_is_a_syntax_error()
    {
        var list = new string('[', 300) + "1" + new string(']', 300);
        ShouldBeRejected(await fixture.Client.PostAsync($"{{ customers(first: 1, search: {list}) {{ totalCount }} }}"), "SYNTAX_ERROR", "nested too deeply");
        var fragments = string.Concat(Enumerable.Repeat("... on Query { ", 300)) + "__typename" + string.Concat(Enumerable.Repeat(" }", 300));
        ShouldBeRejected(await fixture.Client.PostAsync($"{{ {fragments} }}"), "SYNTAX_ERROR", "nested too deeply");
    }

    [Fact]
    public async Task Complexity_counts_connection_sizes()
    {
        const string query = """
            query($customers: Int, $events: Int) {
              customers(first: $customers) { nodes { timeline(first: $events) { nodes { title summary occurredAt kind } } } }
            }
            """;
        // 100 customers × 100 events × 4 fields: rejected before a single row is read.
        ShouldBeRejected(await fixture.Client.PostAsync(query, new { customers = 100, events = 100 }), "COMPLEXITY", "complex");
        // The same shape with small pages is fine.
        var small = await fixture.Client.PostAsync(query, new { customers = 5, events = 5 });
        small.Status.ShouldBe(HttpStatusCode.OK);
        // Now the document is cached (parsed once): big pages are still rejected, complexity runs again for list
        // sizes it has not passed with...
        ShouldBeRejected(await fixture.Client.PostAsync(query, new { customers = 100, events = 100 }), "COMPLEXITY", "complex");
        // ...while the sizes it passed with skip the rules (and still answer).
        var again = await fixture.Client.PostAsync(query, new { customers = 5, events = 5 });
        again.Status.ShouldBe(HttpStatusCode.OK);
        again.DataOrThrow().ToJsonString().ShouldBe(small.DataOrThrow().ToJsonString());
        ShouldBeRejected(await fixture.Client.PostAsync(query, new { customers = 5, events = 5000 }), "COMPLEXITY", "complex");
        ShouldBeRejected(await fixture.Client.PostAsync(query, new { customers = 100, events = 100 }), "COMPLEXITY", "complex");
    }

    [Fact]
    public async Task Too_many_aliases_are_rejected()
    {
        var fields = string.Join(' ', Enumerable.Range(1, 21).Select(i => $"a{i}: customers(first: 1) {{ totalCount }}"));
        ShouldBeRejected(await fixture.Client.PostAsync($"{{ {fields} }}"), "MAX_ALIASES_EXCEEDED", "aliases");
        var allowed = string.Join(' ', Enumerable.Range(1, 5).Select(i => $"a{i}: customers(first: 1) {{ totalCount }}"));
        (await fixture.Client.PostAsync($"{{ {allowed} }}")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Batches_and_oversized_bodies_are_refused_before_parsing()
    {
        using var batch = new StringContent("""[{"query":"{ customers { totalCount } }"},{"query":"{ customers { totalCount } }"}]""", Encoding.UTF8, "application/json");
        using var batchResponse = await fixture.Client.Http.PostAsync("/graphql", batch);
        batchResponse.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var big = "{\"query\":\"{ customers { totalCount } }\",\"variables\":{\"pad\":\"" + new string('x', 300_000) + "\"}}";
        using var bigContent = new StringContent(big, Encoding.UTF8, "application/json");
        using var bigResponse = await fixture.Client.Http.PostAsync("/graphql", bigContent);
        bigResponse.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_slow_execution_times_out_with_a_clear_error()
    {
        await using var factory = new ConfiguredApiFactory("Development",
            new Dictionary<string, string?> { ["GraphQL:Limits:ExecutionTimeout"] = "00:00:00.300" },
            services: s => s.AddSingleton<IInterceptor>(new SlowQueries(TimeSpan.FromSeconds(5))));
        using var client = factory.CreateGraphQLClient();
        var started = DateTime.UtcNow;
        var r = await client.PostAsync("{ customers(first: 1) { totalCount } }");
        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(4));
        r.Status.ShouldNotBe(HttpStatusCode.InternalServerError);
        r.FirstErrorCode.ShouldBe("TIMEOUT", r.Body.ToJsonString());
        // The server could not finish in time: a 5xx (the gateway's kind), not a 400 blaming the request.
        r.Status.ShouldBe(HttpStatusCode.GatewayTimeout);
        r.ContentType.ShouldBe("application/graphql-response+json");
        r.Data.ShouldBeNull();
        r.FirstErrorMessage.ShouldContain("0.3 s");
    }

    [Fact]
    public async Task Each_caller_has_its_own_rate_limit_answered_with_429_and_retry_after()
    {
        await using var factory = new ConfiguredApiFactory("Development",
            new Dictionary<string, string?> { ["RateLimit:PermitLimit"] = "3", ["RateLimit:WindowSeconds"] = "60" });
        using var noisy = factory.CreateGraphQLClient();
        for (var i = 0; i < 3; i++)
            (await noisy.PostAsync("{ customers(first: 1) { totalCount } }")).Status.ShouldBe(HttpStatusCode.OK);

        using var response = await noisy.Http.PostAsync("/graphql",
            new StringContent("""{"query":"{ customers(first: 1) { totalCount } }"}""", Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        // No Accept: the spec's media type, like every other answer of the endpoint.
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/graphql-response+json");
        var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        retryAfter.ShouldBeInRange(1, 60);
        (await GraphQLClient.ReadAsync(response)).FirstErrorCode.ShouldBe("RATE_LIMITED");

        // Another user of the same tenant is not affected.
        using var other = factory.CreateGraphQLClient(TestTokens.Mint(objectId: "0d4b6c2a-7e91-4f3b-8a5d-0000000000b2"));
        (await other.PostAsync("{ customers(first: 1) { totalCount } }")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WebSocket_operations_take_from_the_callers_http_budget()
    {
        // A long window, so the test does not straddle two.
        await using var factory = new ConfiguredApiFactory("Development",
            new Dictionary<string, string?> { ["RateLimit:PermitLimit"] = "3", ["RateLimit:WindowSeconds"] = "3600" });
        await factory.SeedAsync(SampleData.SeedAsync);
        var token = TestTokens.Mint();
        using var http = factory.CreateGraphQLClient(token);
        for (var i = 0; i < 2; i++)
            (await http.PostAsync("{ customers(first: 1) { totalCount } }")).Status.ShouldBe(HttpStatusCode.OK);

        await using var ws = await GraphQLWebSocketClient.ConnectAsync(factory.Server);
        await ws.InitAsync(new { token });
        await ws.SubscribeAsync("third", "{ customers(first: 1) { totalCount } }");
        (await ws.ReceiveAsync())!["type"]!.GetValue<string>().ShouldBe("next");
        (await ws.ReceiveAsync())!["type"]!.GetValue<string>().ShouldBe("complete");

        // The budget is spent: the socket refuses this operation as HTTP would, and stays open.
        await ws.SubscribeAsync("fourth", "{ customers(first: 1) { totalCount } }");
        var refused = await ws.ReceiveAsync();
        refused!["type"]!.GetValue<string>().ShouldBe("error", refused.ToJsonString());
        refused["id"]!.GetValue<string>().ShouldBe("fourth");
        refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>().ShouldBe("RATE_LIMITED");
        refused["payload"]![0]!["message"]!.GetValue<string>().ShouldStartWith("Too many requests from this caller; retry after ");
        await ws.SendAsync(new { type = "ping" });
        (await ws.ReceiveAsync())!["type"]!.GetValue<string>().ShouldBe("pong");

        // And HTTP sees the permit the socket took.
        var over = await http.PostAsync("{ customers(first: 1) { totalCount } }");
        over.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        over.FirstErrorCode.ShouldBe("RATE_LIMITED");
    }

    [Fact]
    public async Task Production_turns_off_introspection_graphiql_and_suggestions()
    {
        await using var production = new ConfiguredApiFactory("Production");
        using var client = production.CreateGraphQLClient();
        var introspection = await client.PostAsync("{ __schema { queryType { name } } }");
        introspection.Status.ShouldBe(HttpStatusCode.BadRequest);
        introspection.FirstErrorMessage.ShouldContain("introspection", Case.Insensitive);

        var typo = await client.PostAsync("{ customers(first: 1) { totalCont } }");
        typo.Status.ShouldBe(HttpStatusCode.BadRequest);
        typo.FirstErrorMessage.ShouldContain("totalCont");
        typo.FirstErrorMessage.ShouldNotContain("Did you mean");

        using var page = await client.Http.GetAsync("/graphiql");
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Production_can_opt_in_to_introspection()
    {
        await using var production = new ConfiguredApiFactory("Production",
            new Dictionary<string, string?> { ["GraphQL:Limits:EnableIntrospection"] = "true" });
        using var client = production.CreateGraphQLClient();
        (await client.QueryAsync("{ __schema { queryType { name } } }"))["__schema"]!["queryType"]!["name"]!
            .GetValue<string>().ShouldBe("Query");
    }

    [Fact]
    public async Task Development_keeps_introspection_and_suggestions()
    {
        (await fixture.Client.QueryAsync("{ __schema { queryType { name } } }"))["__schema"].ShouldNotBeNull();
        (await fixture.Client.PostAsync("{ customers(first: 1) { totalCont } }")).FirstErrorMessage.ShouldContain("Did you mean");
    }
}
