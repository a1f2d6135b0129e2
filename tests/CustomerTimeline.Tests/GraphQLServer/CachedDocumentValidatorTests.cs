using System.Text.Json;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Tests.Infrastructure;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.GraphQLServer;

/// <summary>
/// The short way for cached documents gives the execution exactly what GraphQL.NET's validator gives it (variables,
/// parsed arguments, directives), and hands anything that does not coerce to it for the same errors.
/// </summary>
public sealed class CachedDocumentValidatorTests(SampleApiFixture fixture) : IClassFixture<SampleApiFixture>
{
    private const string Agent = """
        query Agent($id: ID!, $events: Int = 10, $withDrivers: Boolean! = true, $filter: TimelineFilter) {
          customer(id: $id) {
            id displayName
            experience { score topDrivers: drivers(top: 3) @include(if: $withDrivers) { key events { id } } }
            ...Page
            older: timeline(first: 2, after: "not-a-cursor-yet") @skip(if: true) { nodes { id } }
          }
        }
        fragment Page on Customer {
          timeline(first: $events, filter: $filter) {
            nodes { __typename id ... on TicketEvent { subject tags } ... Message }
          }
        }
        fragment Message on TicketMessageEvent { id }
        """;

    public static TheoryData<string, string, string> Requests => new()
    {
        { "agent, defaults", Agent, """{"id":"Q3VzdG9tZXI6MQ"}""" },
        { "agent, every variable", Agent, """{"id":"Q3VzdG9tZXI6MQ","events":3,"withDrivers":false,"filter":{"kinds":["TICKET","WEB_VISIT"],"from":"2025-01-01T00:00:00Z","stages":["buy"]}}""" },
        { "agent, a list given as one value", Agent, """{"id":"Q3VzdG9tZXI6MQ","filter":{"kinds":"TICKET"}}""" },
        { "agent, explicit nulls", Agent, """{"id":"Q3VzdG9tZXI6MQ","events":null,"filter":null}""" },
        { "no variables", "{ customers(first: 2, search: \"a\") { totalCount nodes { id } } }", "{}" },
        { "extra variables are ignored", "query($n: Int) { customers(first: $n) { totalCount } }", """{"n":1,"unused":"x"}""" },
    };

    public static TheoryData<string, string, string> Refused => new()
    {
        { "missing non-null variable", Agent, "{}" },
        { "null for a non-null variable", Agent, """{"id":null}""" },
        { "wrong scalar", Agent, """{"id":"Q3VzdG9tZXI6MQ","events":"ten"}""" },
        { "unknown enum value", Agent, """{"id":"Q3VzdG9tZXI6MQ","filter":{"kinds":["NOPE"]}}""" },
        { "wrong input field", Agent, """{"id":"Q3VzdG9tZXI6MQ","filter":{"colour":"red"}}""" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_cached_document_gets_what_the_full_validator_gives(string why, string query, string variables)
    {
        var (full, cached) = await ValidateBothAsync(query, variables);

        full.IsValid.ShouldBeTrue(why);
        cached.IsValid.ShouldBeTrue(why);
        PlanOf(query).IsSupported.ShouldBeTrue(why);
        Describe(cached).ShouldBe(Describe(full), why);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Variables_that_do_not_coerce_get_the_full_validators_errors(string why, string query, string variables)
    {
        var (full, cached) = await ValidateBothAsync(query, variables);

        full.IsValid.ShouldBeFalse(why);
        cached.IsValid.ShouldBeFalse(why);
        cached.Errors.Select(e => (e.Code, e.Message)).ShouldBe(full.Errors.Select(e => (e.Code, e.Message)), why);
    }

    [Fact]
    public async Task Kept_coercion_contexts_serve_each_request_its_own_variables()
    {
        var services = fixture.Factory.Services;
        var schema = services.GetRequiredService<TimelineSchema>();
        schema.Initialize();
        var serializer = services.GetRequiredService<IGraphQLTextSerializer>();
        var document = new GraphQLDocumentBuilder().Build(Agent);
        var validator = new CachedDocumentValidator();
        // One document, one validator: valid, valid with other values, refused, valid again, in turn.
        string[] sequence =
        [
            """{"id":"Q3VzdG9tZXI6MQ","events":3}""",
            """{"id":"Q3VzdG9tZXI6Mg","filter":{"kinds":["TICKET"]}}""",
            """{"id":"Q3VzdG9tZXI6MQ","events":"ten"}""",
            """{"id":"Q3VzdG9tZXI6Mw"}""",
        ];
        for (var round = 0; round < 3; round++)
        {
            foreach (var json in sequence)
            {
                var variables = serializer.Deserialize<Inputs>(json) ?? Inputs.Empty;
                var full = await new DocumentValidator().ValidateAsync(Options(schema, document, variables, []));
                var cached = await validator.ValidateAsync(Options(schema, document, variables, []));
                cached.IsValid.ShouldBe(full.IsValid, json);
                if (full.IsValid) Describe(cached).ShouldBe(Describe(full), json);
                else cached.Errors.Select(e => e.Message).ShouldBe(full.Errors.Select(e => e.Message), json);
            }
        }
    }

    [Fact]
    public async Task A_nullable_variable_used_where_a_value_is_required_is_left_to_the_full_validator()
    {
        // $id is nullable with a default, used for customer(id: ID!): GraphQL.NET coerces it as non-null.
        const string query = """query($id: ID = "Q3VzdG9tZXI6MQ") { customer(id: $id) { id } }""";
        var (full, cached) = await ValidateBothAsync(query, """{"id":null}""");
        full.IsValid.ShouldBeFalse();
        PlanOf(query).IsSupported.ShouldBeFalse();
        cached.Errors.Select(e => e.Message).ShouldBe(full.Errors.Select(e => e.Message));
        (await ValidateBothAsync(query, "{}")).Cached.IsValid.ShouldBeTrue();
    }

    [Fact]
    public async Task Requests_with_rules_to_run_go_through_the_full_validator()
    {
        var schema = fixture.Factory.Services.GetRequiredService<TimelineSchema>();
        var document = new GraphQLDocumentBuilder().Build("query($n: Int) { customers(first: $n) { totalCount } }");
        var result = await new CachedDocumentValidator().ValidateAsync(Options(schema, document, new Inputs(new Dictionary<string, object?>()), [.. DocumentValidator.CoreRules, new ForbidEverything()]));
        result.IsValid.ShouldBeFalse();
        result.Errors.ShouldContain(e => e.Message == ForbidEverything.Message);
    }

    [Fact]
    public async Task The_api_answers_a_repeated_document_as_it_answered_it_the_first_time()
    {
        var client = fixture.Client;
        const string query = "query($first: Int, $b: Boolean!) { customers(first: $first) { totalCount nodes { id displayName @include(if: $b) } } }";
        var first = await client.PostAsync(query, new { first = 2, b = true });
        var again = await client.PostAsync(query, new { first = 2, b = true });
        var other = await client.PostAsync(query, new { first = 1, b = false });
        var bad = await client.PostAsync(query, new { first = "two", b = true });

        again.Body.ToJsonString().ShouldBe(first.Body.ToJsonString());
        first.Body.ToJsonString().ShouldContain("displayName");
        other.Body.ToJsonString().ShouldNotContain("displayName");
        bad.FirstErrorCode.ShouldNotBeNull();
    }

    private async Task<(IValidationResult Full, IValidationResult Cached)> ValidateBothAsync(string query, string variablesJson)
    {
        var services = fixture.Factory.Services;
        var schema = services.GetRequiredService<TimelineSchema>();
        schema.Initialize();
        var serializer = services.GetRequiredService<IGraphQLTextSerializer>();
        var variables = serializer.Deserialize<Inputs>(variablesJson) ?? Inputs.Empty;
        var document = new GraphQLDocumentBuilder().Build(query);

        var full = await new DocumentValidator().ValidateAsync(Options(schema, document, variables, []));
        var validator = new CachedDocumentValidator();
        await validator.ValidateAsync(Options(schema, document, variables, []));
        // The second request of the same document is the one served from the plan.
        var cached = await validator.ValidateAsync(Options(schema, document, variables, []));
        return (full, cached);
    }

    private ValidationPlan PlanOf(string query)
    {
        var document = new GraphQLDocumentBuilder().Build(query);
        return ValidationPlan.Build(fixture.Factory.Services.GetRequiredService<TimelineSchema>(), document, OperationOf(document));
    }

    private static GraphQLOperationDefinition OperationOf(GraphQLDocument document) =>
        document.Definitions.OfType<GraphQLOperationDefinition>().First();

    private static ValidationOptions Options(TimelineSchema schema, GraphQLDocument document, Inputs variables, IEnumerable<IValidationRule> rules) => new()
    {
        Schema = schema,
        Document = document,
        Operation = OperationOf(document),
        Rules = rules,
        Variables = variables,
        Extensions = Inputs.Empty,
        UserContext = new Dictionary<string, object?>(),
        Metrics = GraphQL.Instrumentation.Metrics.None,
    };

    /// <summary>Everything the execution reads from a validation result, written out comparably.</summary>
    private static string Describe(IValidationResult result)
    {
        var lines = new List<string>();
        foreach (var v in result.Variables ?? Variables.None)
            lines.Add($"var {v.Name} = {Json(v.Value)} default={v.IsDefault} set={v.ValueSpecified}");
        foreach (var (field, arguments) in result.ArgumentValues ?? new Dictionary<GraphQLField, IDictionary<string, ArgumentValue>>())
        {
            foreach (var (name, value) in arguments.OrderBy(a => a.Key, StringComparer.Ordinal))
                lines.Add($"arg {field.Name.StringValue}@{field.Location.Start}.{name} = {Json(value.Value)} source={value.Source}");
        }
        foreach (var (node, directives) in result.DirectiveValues ?? new Dictionary<ASTNode, IDictionary<string, DirectiveInfo>>())
        {
            foreach (var (name, directive) in directives.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                foreach (var (argument, value) in directive.Arguments.OrderBy(a => a.Key, StringComparer.Ordinal))
                    lines.Add($"directive {node.Kind}@{node.Location.Start} @{name}({argument}: {Json(value.Value)} source={value.Source})");
            }
        }
        lines.Sort(StringComparer.Ordinal);
        lines.Count.ShouldBeGreaterThan(0);
        return string.Join('\n', lines);
    }

    private static string Json(object? value) => JsonSerializer.Serialize(value);

    private sealed class ForbidEverything : ValidationRuleBase
    {
        public const string Message = "Forbidden by the test rule.";

        public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
            new(new MatchingNodeVisitor<GraphQLField>((field, ctx) => ctx.ReportError(new ValidationError(Message))));
    }
}
