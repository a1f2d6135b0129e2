using System.IO.Pipelines;
using System.Security.Claims;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Tests.Infrastructure;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.GraphQLServer;

/// <summary>The endpoint's own result writer writes the bytes GraphQL.SystemTextJson's converter writes.</summary>
public sealed class ExecutionResultWriterTests(SampleApiFixture fixture) : IClassFixture<SampleApiFixture>
{
    private const string Agent = """
        query($id: ID!) {
          customer(id: $id) {
            id displayName primaryEmail phone company createdAt
            identities { kind value source }
            experience { score band priority repeatedProblem repeatedProblems computedAt
              drivers(top: 3) { key name contribution maxPoints lostPoints explanation events { id title occurredAt } }
              trend { change direction points { at score } } }
            journey { currentStage { key name } skippedStages { key name } }
            signals { kind severity reason triggeredAt events { id } }
            nextBestActions { kind title priority reason }
            timeline(first: 50) {
              pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              nodes { __typename id kind source channel occurredAt title summary sentiment urgent intents stageKey touchpointKey
                ... on TicketEvent { subject status priority ticketType tags description solvedAt } }
            }
          }
        }
        """;

    public static TheoryData<string, string, bool> Queries => new()
    {
        { "agent context, every scalar kind", Agent, true },
        { "agent context, personal data masked", Agent, false },
        { "a page of customers with their timelines", "{ customers(first: 10) { totalCount nodes { id displayName company timeline(first: 5) { nodes { id occurredAt sentiment intents } } } } }", true },
        { "introspection (nulls, nested lists)", "{ __schema { queryType { name } types { name kind description fields { name isDeprecated args { name defaultValue } type { name kind ofType { name kind } } } enumValues { name } } } }", true },
        { "a customer that does not exist", """{ customer(id: "Q3VzdG9tZXI6OTk5OTk5") { id } }""", true },
        { "a long string with quotes and line breaks: the journey map's JSON", "{ journeyMap { name json } }", true },
        { "aliases: the names written are the response names", """{ who: customer(id: "Q3VzdG9tZXI6MQ") { key: id name: displayName journey { now: currentStage { key } } timeline(first: 3) { items: nodes { when: occurredAt id what: kind } } } }""", true },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Writes_what_the_serializer_writes(string why, string query, bool piiRead)
    {
        var services = fixture.Factory.Services;
        await using var scope = services.CreateAsyncScope();
        var result = await ExecuteAsync(scope.ServiceProvider, query, piiRead);
        ExecutionResultWriter.CanWrite(result).ShouldBeTrue(why);

        var serializer = services.GetRequiredService<IGraphQLTextSerializer>();
        using var expected = new MemoryStream();
        await serializer.WriteAsync(expected, result);
        using var actual = new MemoryStream();
        var pipe = PipeWriter.Create(actual);
        await ExecutionResultWriter.WriteAsync(pipe, result, serializer, CancellationToken.None);
        await pipe.CompleteAsync();

        var text = System.Text.Encoding.UTF8.GetString(actual.ToArray());
        text.ShouldBe(System.Text.Encoding.UTF8.GetString(expected.ToArray()), why);
        text.ShouldStartWith("{\"data\":{", Case.Sensitive, why);
    }

    [Theory]
    [InlineData(16 * 1024 - 1)]
    [InlineData(16 * 1024)]
    [InlineData(16 * 1024 + 1)]
    [InlineData(100_000)]
    public void A_long_string_is_written_in_segments_as_one_call_writes_it(int length)
    {
        // Quotes, backslashes, controls, non-ASCII and surrogate pairs, one of them across each segment boundary.
        const string Pattern = "a\"b\\c\nd\te\u0001é€😀<>&'+";
        var text = new System.Text.StringBuilder(length + Pattern.Length);
        while (text.Length < length) text.Append(Pattern);
        text.Length = length;
        if (char.IsHighSurrogate(text[^1])) text[^1] = 'z';
        if (length > 16 * 1024)
        {
            // A pair straddling the first boundary.
            text[16 * 1024 - 1] = "😀"[0];
            text[16 * 1024] = "😀"[1];
        }
        var value = text.ToString();

        var options = new System.Text.Json.JsonWriterOptions { Encoder = ExecutionResultWriter.Encoder };
        var expected = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new System.Text.Json.Utf8JsonWriter(expected, options)) json.WriteStringValue(value);
        var actual = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new System.Text.Json.Utf8JsonWriter(actual, options)) ExecutionResultWriter.WriteLongString(json, value);

        System.Text.Encoding.UTF8.GetString(actual.WrittenSpan).ShouldBe(System.Text.Encoding.UTF8.GetString(expected.WrittenSpan));
    }

    [Fact]
    public async Task Every_value_of_the_agent_context_is_written_without_the_serializer()
    {
        var services = fixture.Factory.Services;
        await using var scope = services.CreateAsyncScope();
        var result = await ExecuteAsync(scope.ServiceProvider, Agent, piiRead: true);
        var serializer = new CountingSerializer(services.GetRequiredService<IGraphQLTextSerializer>());

        await ExecutionResultWriter.WriteAsync(PipeWriter.Create(Stream.Null), result, serializer, CancellationToken.None);

        // The fallback serializes one value at a time through its runtime type: the writer's own cases cover these.
        serializer.Serialized.ShouldBeEmpty();
    }

    [Fact]
    public async Task Results_with_errors_are_left_to_the_serializer()
    {
        var services = fixture.Factory.Services;
        await using var scope = services.CreateAsyncScope();
        var result = await services.GetRequiredService<IDocumentExecuter<TimelineSchema>>().ExecuteAsync(new ExecutionOptions
        {
            Query = """{ customer(id: "not-an-id") { id } }""",
            RequestServices = scope.ServiceProvider,
            User = Caller(piiRead: true),
        });
        result.Errors.ShouldNotBeEmpty();
        ExecutionResultWriter.CanWrite(result).ShouldBeFalse();
        await Should.ThrowAsync<ArgumentException>(() => ExecutionResultWriter.WriteAsync(PipeWriter.Create(Stream.Null), result,
            services.GetRequiredService<IGraphQLTextSerializer>(), CancellationToken.None));
    }

    /// <summary>Runs a query about customer 1 (as <c>$id</c>) as a caller with or without the personal-data permission.</summary>
    private Task<ExecutionResult> ExecuteAsync(IServiceProvider requestServices, string query, bool piiRead) =>
        fixture.Factory.Services.GetRequiredService<IDocumentExecuter<TimelineSchema>>().ExecuteAsync(new ExecutionOptions
        {
            Query = query,
            Variables = new Inputs(new Dictionary<string, object?> { ["id"] = "Q3VzdG9tZXI6MQ" }),
            RequestServices = requestServices,
            User = Caller(piiRead),
        });

    private sealed class CountingSerializer(IGraphQLTextSerializer inner) : IGraphQLTextSerializer
    {
        public List<Type> Serialized { get; } = [];

        public bool IsNativelyAsync => inner.IsNativelyAsync;

        public string Serialize<T>(T? value)
        {
            Serialized.Add(value?.GetType() ?? typeof(T));
            return inner.Serialize(value);
        }

        public T? Deserialize<T>(string? value) => inner.Deserialize<T>(value);

        public Task WriteAsync<T>(Stream stream, T? value, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(stream, value, cancellationToken);

        public ValueTask<T?> ReadAsync<T>(Stream stream, CancellationToken cancellationToken = default) =>
            inner.ReadAsync<T>(stream, cancellationToken);

        public T? ReadNode<T>(object? value) => inner.ReadNode<T>(value);
    }

    private static ClaimsPrincipal Caller(bool piiRead) => new(new ClaimsIdentity(
    [
        new Claim("scp", piiRead ? "Timeline.Read Customer.Pii.Read" : "Timeline.Read"),
        new Claim("tid", TestTokens.TenantId),
        new Claim("oid", TestTokens.AgentObjectId),
    ], "test"));
}
