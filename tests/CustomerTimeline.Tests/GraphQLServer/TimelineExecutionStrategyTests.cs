using System.Security.Claims;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Tests.Infrastructure;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.GraphQLServer;

/// <summary>
/// Fields collected once per selection set and type give, request after request, the answers GraphQL.NET's own
/// serial strategy gives: abstract types with type-specific fragments, directives that read variables, and response
/// names selected twice (merged) included.
/// </summary>
public sealed class TimelineExecutionStrategyTests(SampleApiFixture fixture) : IClassFixture<SampleApiFixture>
{
    public static TheoryData<string, string, string> Requests => new()
    {
        {
            "interface list, fields per concrete type",
            """
            { customers(first: 20) { nodes { timeline(first: 20) { nodes { __typename id kind
              ... on TicketEvent { subject tags } ...Visit ... on TimelineEvent { occurredAt } } } } } }
            fragment Visit on WebVisitEvent { title }
            """,
            "{}"
        },
        {
            "directives reading variables, included",
            """query($id: ID!, $b: Boolean!) { customer(id: $id) { id displayName @include(if: $b) timeline(first: 3) @skip(if: $b) { nodes { id } } } }""",
            """{"id":"Q3VzdG9tZXI6MQ","b":true}"""
        },
        {
            "directives reading variables, excluded",
            """query($id: ID!, $b: Boolean!) { customer(id: $id) { id displayName @include(if: $b) timeline(first: 3) @skip(if: $b) { nodes { id } } } }""",
            """{"id":"Q3VzdG9tZXI6MQ","b":false}"""
        },
        {
            "one response name selected twice (merged)",
            """query($id: ID!) { customer(id: $id) { timeline(first: 5) { nodes { id } } ...More } } fragment More on Customer { timeline(first: 5) { nodes { title } pageInfo { hasNextPage } } }""",
            """{"id":"Q3VzdG9tZXI6MQ"}"""
        },
        {
            "a list of customers",
            "{ customers(first: 10) { nodes { id displayName identities { kind value } } } }",
            "{}"
        },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Answers_as_graphql_dotnets_serial_strategy_does_request_after_request(string why, string query, string variables)
    {
        var services = fixture.Factory.Services;
        var serializer = services.GetRequiredService<IGraphQLTextSerializer>();
        var inputs = serializer.Deserialize<Inputs>(variables);
        var reference = new DocumentExecuter(
            services.GetRequiredService<IDocumentBuilder>(),
            new DocumentValidator(),
            new DefaultExecutionStrategySelector([new ExecutionStrategyRegistration(new SerialExecutionStrategy(), OperationType.Query)]),
            services.GetRequiredService<IEnumerable<IConfigureExecution>>());
        var ours = services.GetRequiredService<IDocumentExecuter<TimelineSchema>>();

        var expected = await RunAsync(reference, query, inputs);
        expected.ShouldNotContain("\"errors\"", Case.Sensitive, why);
        if (query.Contains("TicketEvent", StringComparison.Ordinal))
        {
            // The page mixes kinds: type-specific fields appear on some nodes only.
            expected.ShouldContain("\"__typename\":\"TicketEvent\"", Case.Sensitive);
            expected.ShouldContain("\"__typename\":\"WebVisitEvent\"", Case.Sensitive);
        }
        // The first request collects and keeps; the next ones are served from what was kept.
        for (var i = 0; i < 3; i++)
            (await RunAsync(ours, query, inputs)).ShouldBe(expected, why);
    }

    [Fact]
    public async Task A_directive_toggled_between_requests_of_one_document_is_honoured_each_time()
    {
        const string query = """query($b: Boolean!) { customers(first: 2) { nodes { id displayName @include(if: $b) } } }""";
        var ours = fixture.Factory.Services.GetRequiredService<IDocumentExecuter<TimelineSchema>>();
        foreach (var b in new[] { true, false, true, false })
        {
            var answer = await RunAsync(ours, query, new Inputs(new Dictionary<string, object?> { ["b"] = b }));
            answer.Contains("displayName", StringComparison.Ordinal).ShouldBe(b);
        }
    }

    private async Task<string> RunAsync(IDocumentExecuter executer, string query, Inputs? variables)
    {
        var services = fixture.Factory.Services;
        await using var scope = services.CreateAsyncScope();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            // The typed executer takes its schema from DI; the reference one is given the same instance.
            Schema = executer is IDocumentExecuter<TimelineSchema> ? null : services.GetRequiredService<TimelineSchema>(),
            Query = query,
            Variables = variables,
            RequestServices = scope.ServiceProvider,
            User = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim("scp", "Timeline.Read Customer.Pii.Read"),
                new Claim("tid", TestTokens.TenantId),
                new Claim("oid", TestTokens.AgentObjectId),
            ], "test")),
        });
        return services.GetRequiredService<IGraphQLTextSerializer>().Serialize(result);
    }
}
