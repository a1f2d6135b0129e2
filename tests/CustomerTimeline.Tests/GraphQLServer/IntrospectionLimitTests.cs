using System.Net;
using CustomerTimeline.Tests.Infrastructure;

namespace CustomerTimeline.Tests.GraphQLServer;

/// <summary>
/// Tools read the whole schema with the standard introspection query, 15 levels deep, past the depth limit; what
/// introspection can expand to is bounded by its own rule instead.
/// </summary>
public sealed class IntrospectionLimitTests(SampleApiFixture fixture) : IClassFixture<SampleApiFixture>
{
    // The query GraphiQL and other tools send (graphql-js's getIntrospectionQuery with its defaults).
    private const string StandardIntrospection = """
        query IntrospectionQuery {
          __schema {
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
            ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }
        }
        """;

    [Fact]
    public async Task The_standard_introspection_query_reads_the_whole_schema()
    {
        var r = await fixture.Client.PostAsync(StandardIntrospection);

        r.Status.ShouldBe(HttpStatusCode.OK, r.Body.ToJsonString());
        var types = r.DataOrThrow()["__schema"]!["types"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
        types.ShouldContain("Customer");
        types.ShouldContain("__Schema");
        r.DataOrThrow()["__schema"]!["queryType"]!["name"]!.GetValue<string>().ShouldBe("Query");
    }

    [Theory]
    [InlineData("{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }")]
    [InlineData("{ __type(name: \"Customer\") { fields { type { interfaces { possibleTypes { name } } } } } }")]
    [InlineData("{ __schema { types { inputFields { type { inputFields { type { inputFields { name } } } } } } } }")]
    [InlineData("""
        { __schema { types { ...A } } }
        fragment A on __Type { fields { type { ...B } } }
        fragment B on __Type { ... on __Type { fields { type { ...C } } } }
        fragment C on __Type { possibleTypes { name } }
        """)]
    public async Task Introspection_that_multiplies_the_schema_by_itself_is_rejected(string query)
    {
        var r = await fixture.Client.PostAsync(query);

        r.Status.ShouldBe(HttpStatusCode.BadRequest, r.Body.ToJsonString());
        r.FirstErrorCode.ShouldBe("INTROSPECTION_TOO_DEEP", r.Body.ToJsonString());
        r.FirstErrorMessage.ShouldContain("introspection depth");
    }

    [Fact]
    public async Task Two_nested_type_lists_are_allowed()
    {
        var r = await fixture.Client.PostAsync("{ __type(name: \"Customer\") { fields { type { ofType { fields { name } } } } } }");

        r.Status.ShouldBe(HttpStatusCode.OK, r.Body.ToJsonString());
        r.DataOrThrow()["__type"]!["fields"]!.AsArray().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Fragments_that_multiply_the_walk_are_refused_without_walking_it_all()
    {
        // Each fragment spreads the next twice: 2^30 paths, if the rule followed every one.
        var fragments = string.Join("\n", Enumerable.Range(0, 30).Select(i => $"fragment F{i} on __Type {{ name ...F{i + 1} ...F{i + 1} }}"));
        var r = await fixture.Client.PostAsync($"{{ __schema {{ types {{ ...F0 }} }} }}\n{fragments}\nfragment F30 on __Type {{ name }}");

        r.Status.ShouldBe(HttpStatusCode.BadRequest, r.Body.ToJsonString());
        r.FirstErrorCode.ShouldBe("INTROSPECTION_TOO_DEEP", r.Body.ToJsonString());
    }

    [Fact]
    public async Task The_depth_limit_still_holds_for_data_and_for_data_asked_beside_introspection()
    {
        var inner = "title";
        for (var i = 0; i < 5; i++) inner = $"customer {{ timeline(first: 1) {{ nodes {{ {inner} }} }} }}";
        var deepData = $"customers(first: 1) {{ nodes {{ timeline(first: 1) {{ nodes {{ {inner} }} }} }} }}";

        foreach (var query in new[] { $"{{ {deepData} }}", $"{{ __schema {{ queryType {{ name }} }} {deepData} }}" })
        {
            var r = await fixture.Client.PostAsync(query);
            r.Status.ShouldBe(HttpStatusCode.BadRequest, r.Body.ToJsonString());
            r.FirstErrorCode.ShouldBe("COMPLEXITY", r.Body.ToJsonString());
            r.FirstErrorMessage.ShouldContain("nested");
        }
    }
}
