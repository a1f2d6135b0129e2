using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Tests.Infrastructure;

namespace CustomerTimeline.Tests.Transport;

/// <summary>The GraphQL-over-HTTP rules: methods, media types and status codes.</summary>
public sealed class GraphQLHttpTransportTests(SampleApiFixture fixture) : IClassFixture<SampleApiFixture>
{
    private const string Query = "{ customers(first: 1) { totalCount } }";
    private HttpClient Http => fixture.Client.Http;

    private static HttpRequestMessage Post(string body, string contentType = "application/json", string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        return request;
    }

    /// <summary>Without Content-Length, in 1,000-byte chunks: the server reads it piece by piece.</summary>
    private static HttpRequestMessage PostChunked(string body, string accept)
    {
        var request = Post("", accept: accept);
        request.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)), 1_000)
        {
            Headers = { ContentType = MediaTypeHeaderValue.Parse("application/json") },
        };
        request.Headers.TransferEncodingChunked = true;
        return request;
    }

    private async Task<GraphQLResponse> SendAsync(HttpRequestMessage request)
    {
        using (request)
        using (var response = await Http.SendAsync(request))
            return await GraphQLClient.ReadAsync(response);
    }

    [Fact]
    public async Task Post_with_the_spec_media_type_answers_in_it()
    {
        var r = await SendAsync(Post("""{"query":"{ customers(first: 1) { totalCount } }"}""", accept: "application/graphql-response+json"));
        r.Status.ShouldBe(HttpStatusCode.OK);
        r.ContentType.ShouldBe("application/graphql-response+json");
        r.DataOrThrow()["customers"]!["totalCount"]!.GetValue<int>().ShouldBe(3);
    }

    [Fact]
    public async Task Post_without_accept_answers_in_the_spec_media_type()
    {
        // GraphQL over HTTP: no Accept is treated as Accept: application/graphql-response+json (since 2025-01-01).
        var r = await SendAsync(Post("""{"query":"{ customers(first: 1) { totalCount } }"}"""));
        r.Status.ShouldBe(HttpStatusCode.OK);
        r.ContentType.ShouldBe("application/graphql-response+json");
    }

    [Fact]
    public async Task Without_accept_a_validation_failure_is_400()
    {
        var r = await SendAsync(Post("""{"query":"{ noSuchField }"}"""));
        r.Status.ShouldBe(HttpStatusCode.BadRequest);
        r.ContentType.ShouldBe("application/graphql-response+json");
        r.FirstErrorCode.ShouldBe("FIELDS_ON_CORRECT_TYPE");
    }

    [Theory]
    [InlineData("application/json;q=0.5, application/graphql-response+json", "application/graphql-response+json")]
    [InlineData("application/graphql-response+json;q=0.2, application/json", "application/json")]
    [InlineData("*/*", "application/graphql-response+json")]
    [InlineData("text/html, application/*;q=0.9", "application/graphql-response+json")]
    [InlineData("application/graphql-response+json; charset=\"utf-8\"", "application/graphql-response+json")]
    [InlineData("application/json; charset=\"UTF-8\"", "application/json")]
    public async Task Accept_header_is_negotiated_with_q_values(string accept, string expected)
    {
        var r = await SendAsync(Post($$"""{"query":"{{Query}}"}""", accept: accept));
        r.Status.ShouldBe(HttpStatusCode.OK);
        r.ContentType.ShouldBe(expected);
    }

    [Fact]
    public async Task Unsatisfiable_accept_is_406()
    {
        var r = await SendAsync(Post($$"""{"query":"{{Query}}"}""", accept: "text/html"));
        r.Status.ShouldBe(HttpStatusCode.NotAcceptable);
        r.FirstErrorMessage.ShouldContain("Accept");
    }

    [Theory]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json;charset=\"UTF-8\"")]
    [InlineData("application/json; charset=UTF-8")]
    public async Task Json_content_type_with_a_quoted_or_capitalised_utf8_charset_is_accepted(string contentType)
    {
        var r = await SendAsync(Post($$"""{"query":"{{Query}}"}""", contentType, accept: "application/graphql-response+json"));
        r.Status.ShouldBe(HttpStatusCode.OK, r.Body.ToJsonString());
        r.DataOrThrow()["customers"]!["totalCount"]!.GetValue<int>().ShouldBe(3);
    }

    [Theory]
    [InlineData("application/json; charset=\"latin1\"")]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    public async Task Unsupported_content_type_is_415(string contentType)
    {
        var r = await SendAsync(Post($$"""{"query":"{{Query}}"}""", contentType));
        r.Status.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("{\"query\": ")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task Unparsable_json_is_400(string body)
    {
        var r = await SendAsync(Post(body, accept: "application/json"));
        r.Status.ShouldBe(HttpStatusCode.BadRequest);
        r.Errors.ShouldNotBeNull().Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"query": 42}""")]
    [InlineData("""{"variables": {}}""")]
    [InlineData("""{"query": "{ customers { totalCount } }", "variables": "nope"}""")]
    [InlineData("""[{"query": "{ customers { totalCount } }"}]""")]
    [InlineData("\"just a string\"")]
    public async Task Malformed_request_shapes_are_400(string body)
    {
        var r = await SendAsync(Post(body, accept: "application/graphql-response+json"));
        r.Status.ShouldBe(HttpStatusCode.BadRequest);
        r.FirstErrorCode.ShouldBe("BAD_REQUEST");
    }

    [Fact]
    public async Task Document_that_does_not_parse_is_400_with_spec_media_type()
    {
        var r = await SendAsync(Post("""{"query":"{ customers { "}""", accept: "application/graphql-response+json"));
        r.Status.ShouldBe(HttpStatusCode.BadRequest);
        r.FirstErrorCode.ShouldBe("SYNTAX_ERROR");
        r.Data.ShouldBeNull();
    }

    [Fact]
    public async Task Validation_failure_is_400_with_spec_media_type_and_200_with_legacy_json()
    {
        var spec = await SendAsync(Post("""{"query":"{ noSuchField }"}""", accept: "application/graphql-response+json"));
        spec.Status.ShouldBe(HttpStatusCode.BadRequest);
        spec.FirstErrorCode.ShouldBe("FIELDS_ON_CORRECT_TYPE");

        var legacy = await SendAsync(Post("""{"query":"{ noSuchField }"}""", accept: "application/json"));
        legacy.Status.ShouldBe(HttpStatusCode.OK);
        legacy.Errors.ShouldNotBeNull();
    }

    [Fact]
    public async Task Bad_variables_are_a_request_error()
    {
        var r = await SendAsync(Post("""{"query":"query($n: Int!) { customers(first: $n) { totalCount } }","variables":{"n":"ten"}}""",
            accept: "application/graphql-response+json"));
        r.Status.ShouldBe(HttpStatusCode.BadRequest);
        r.Data.ShouldBeNull();
    }

    [Fact]
    public async Task Get_runs_queries_with_url_parameters()
    {
        var url = "/graphql?query=" + Uri.EscapeDataString("query Q($n: Int) { customers(first: $n) { edges { cursor } } }")
            + "&variables=" + Uri.EscapeDataString("""{"n":2}""") + "&operationName=Q";
        using var response = await Http.GetAsync(url);
        var r = await GraphQLClient.ReadAsync(response);
        r.Status.ShouldBe(HttpStatusCode.OK);
        r.DataOrThrow()["customers"]!["edges"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Get_with_a_mutation_is_405()
    {
        using var response = await Http.GetAsync("/graphql?query=" + Uri.EscapeDataString("mutation { anything }"));
        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.ShouldContain("POST");
    }

    [Fact]
    public async Task A_mutation_cached_from_a_post_is_still_405_over_get()
    {
        const string mutation = """mutation { retryDeadLetter(id: "RGVhZExldHRlcjow") { id } }""";
        // Executed over POST (the resolver answers with an error), so the parsed document is cached; the second POST
        // runs no validation rule at all (it passed them all with the same inputs)...
        (await fixture.Client.PostAsync(mutation)).Status.ShouldBe(HttpStatusCode.OK);
        (await fixture.Client.PostAsync(mutation)).Status.ShouldBe(HttpStatusCode.OK);
        // ...and the GET rule still runs on the cached document.
        using var response = await Http.GetAsync("/graphql?query=" + Uri.EscapeDataString(mutation));
        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("GET")]
    public async Task A_subscription_over_http_is_a_400_that_points_to_the_websocket(string method)
    {
        var subscription = $$"""subscription { customerUpdated(customerId: "{{GlobalId.Encode(GlobalId.CustomerType, 1)}}") { id } }""";

        var r = method == "POST"
            ? await fixture.Client.PostAsync(subscription)
            : await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString(subscription))
            {
                Headers = { { "Accept", "application/graphql-response+json" } },
            });

        r.Status.ShouldBe(HttpStatusCode.BadRequest, r.Body.ToJsonString());
        r.FirstErrorCode.ShouldBe("SUBSCRIPTION_NEEDS_WEBSOCKET");
        r.FirstErrorMessage.ShouldContain("graphql-transport-ws");
        r.Data.ShouldBeNull();
    }

    [Fact]
    public async Task A_subscription_document_a_websocket_ran_is_still_refused_over_http()
    {
        const string subscription = "subscription($c: ID!) { timelineEventAdded(customerId: $c) { id } }";
        var variables = new { c = GlobalId.Encode(GlobalId.CustomerType, 2) };
        await using (var ws = await GraphQLWebSocketClient.ConnectAsync(fixture.Factory.Server))
        {
            await ws.InitAsync();
            // Run twice: the document is cached, and had it been recorded as passed, HTTP would skip the rules.
            await ws.SubscribeAsync("a", subscription, variables);
            await ws.SubscribeAsync("b", subscription, variables);
            await ws.SendAsync(new { type = "ping" });
            while ((await ws.ReceiveAsync())!["type"]!.GetValue<string>() != "pong")
            {
            }
        }

        var r = await fixture.Client.PostAsync(subscription, variables);

        r.Status.ShouldBe(HttpStatusCode.BadRequest, r.Body.ToJsonString());
        r.FirstErrorCode.ShouldBe("SUBSCRIPTION_NEEDS_WEBSOCKET");
    }

    [Fact]
    public async Task Get_with_bad_variables_is_400()
    {
        using var response = await Http.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ customers { totalCount } }") + "&variables=%7Bnope");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Get_without_query_is_400()
    {
        using var response = await Http.GetAsync("/graphql");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(null, "application/graphql-response+json")]
    [InlineData("application/json", "application/json")]
    public async Task Other_methods_are_405_in_the_negotiated_media_type(string? accept, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/graphql") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        using var response = await Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(expected);
        (await GraphQLClient.ReadAsync(response)).FirstErrorMessage.ShouldContain("GET and POST");
    }

    [Fact]
    public async Task Oversized_body_is_413()
    {
        var big = "{\"query\":\"{ customers { totalCount } }\",\"extensions\":{\"pad\":\"" + new string('x', 300_000) + "\"}}";
        var r = await SendAsync(Post(big, accept: "application/json"));
        r.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Oversized_body_without_content_length_is_413()
    {
        // Chunked: the limit is enforced while reading, not from the header.
        var big = "{\"query\":\"{ customers { totalCount } }\",\"extensions\":{\"pad\":\"" + new string('x', 300_000) + "\"}}";
        var r = await SendAsync(PostChunked(big, accept: "application/json"));
        r.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_large_body_under_the_limit_is_read_whole()
    {
        // Many times the first read buffer, sent in chunks.
        var body = "{\"query\":\"" + Query + "\",\"extensions\":{\"pad\":\"" + new string('x', 200_000) + "\"}}";
        var r = await SendAsync(PostChunked(body, accept: "application/graphql-response+json"));
        r.Status.ShouldBe(HttpStatusCode.OK);
        r.DataOrThrow()["customers"]!["totalCount"]!.GetValue<int>().ShouldBe(3);
    }

    [Fact]
    public async Task A_body_with_a_utf8_byte_order_mark_is_accepted()
    {
        var request = Post("", accept: "application/graphql-response+json");
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(" {\"query\":\"" + Query + "\"}")];
        request.Content = new ByteArrayContent(body) { Headers = { ContentType = MediaTypeHeaderValue.Parse("application/json") } };
        var r = await SendAsync(request);
        r.Status.ShouldBe(HttpStatusCode.OK);
        r.DataOrThrow()["customers"]!["totalCount"]!.GetValue<int>().ShouldBe(3);
    }

    [Theory]
    [InlineData("", "The request body is empty.")]
    [InlineData("   ", "The request body is empty.")]
    [InlineData("{\"query\": ", "The request body is not valid JSON.")]
    [InlineData("null", "The request body must be a JSON object.")]
    [InlineData("[{\"query\": \"{ customers { totalCount } }\"}]", "Batched requests are not supported; send one operation per request.")]
    [InlineData("{\"query\": 42}", "The request body must have a string 'query', an optional string 'operationName' and optional object 'variables' and 'extensions'.")]
    public async Task Each_bad_body_is_told_what_is_wrong(string body, string message)
    {
        var r = await SendAsync(Post(body, accept: "application/graphql-response+json"));
        r.Status.ShouldBe(HttpStatusCode.BadRequest);
        r.Errors.ShouldNotBeNull()[0]!["message"]!.GetValue<string>().ShouldBe(message);
    }

    [Fact]
    public async Task Operation_name_selects_the_operation()
    {
        var r = await SendAsync(Post("""{"query":"query A { customers(first: 1) { totalCount } } query B { node(id: \"eA\") { id } }","operationName":"A"}""",
            accept: "application/graphql-response+json"));
        r.Status.ShouldBe(HttpStatusCode.OK);
        r.DataOrThrow()["customers"].ShouldNotBeNull();
    }
}
