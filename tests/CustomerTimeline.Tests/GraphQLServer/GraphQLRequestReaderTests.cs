using System.Text;
using System.Text.Json;
using CustomerTimeline.Api.GraphQLServer;
using GraphQL.SystemTextJson;
using GraphQL.Transport;

namespace CustomerTimeline.Tests.GraphQLServer;

/// <summary>The endpoint's own reading of a POST body against GraphQL.NET's serializer, which it replaced.</summary>
public sealed class GraphQLRequestReaderTests
{
    public static TheoryData<string> Bodies => new()
    {
        """{"query":"{ a }"}""",
        """{"query":"query Q($id: ID!) {\n  customer(id: $id) { id }\n}","operationName":"Q","variables":{"id":"Q3VzdG9tZXI6MQ=="}}""",
        """{"query":"{ caf\u00e9 \"\\\" }","variables":{"n":1,"big":123456789012345678901234567890,"d":1.5,"b":true,"z":null,"l":[1,"x",{"k":[]}],"o":{"p":{"q":"r"}}}}""",
        """{"query":"{ a }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}},"documentId":"doc-1"}""",
        """{"query":null,"operationName":null,"variables":null,"extensions":null}""",
        """{"unknown":{"deep":[1,2,{"x":null}]},"query":"{ a }","another":"x"}""",
        """{"query":"{ first }","query":"{ second }"}""",
        """{"qu\u0065ry":"{ escaped name }"}""",
        """{"Query":"{ wrong case }"}""",
        "\uFEFF{\"query\":\"{ after a byte order mark }\"}",
        " \r\n\t{\"query\":\"{ a }\"} \n ",
        "{}",
        """{"query":5}""",
        """{"query":{"a":1}}""",
        """{"operationName":[]}""",
        """{"variables":"text"}""",
        """{"variables":[1,2]}""",
        """{"documentId":false}""",
        """{"query":"{ a }"} trailing""",
        """{"query":"{ a }"}{}""",
        """{"query":"{ a }",}""",
        """{"query":"{ a }" /* comment */}""",
        """{"query":"{ a }\""",
        """{"query":"{ a }""",
        """[{"query":"{ a }"}]""",
        "\"just a string\"",
        "42",
        "",
        "   ",
        """{"variables":""" + new string('[', 70) + new string(']', 70) + "}",
        """{"variables":{"a":""" + new string('[', 60) + new string(']', 60) + "}}",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Reads_every_body_as_GraphQL_NETs_serializer_does(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var (expected, expectedError) = await Try(async () =>
        {
            using var stream = new MemoryStream(bytes);
            return await new GraphQLSerializer().ReadAsync<GraphQLRequest>(stream);
        });
        var (actual, actualError) = await Try(() => Task.FromResult<GraphQLRequest?>(new GraphQLRequestReader().Read(bytes)));

        if (expectedError is not null)
        {
            actualError.ShouldNotBeNull($"GraphQL.NET refused it with {expectedError.GetType().Name}");
            // Utf8JsonReader's own JsonException subclass where the serializer rethrows a JsonException: the endpoint
            // catches both as the same "not a GraphQL request" answer.
            if (expectedError is JsonException) actualError.ShouldBeAssignableTo<JsonException>(actualError.ToString());
            else actualError.GetType().ShouldBe(expectedError.GetType(), actualError.ToString());
            return;
        }
        actualError.ShouldBeNull();
        Describe(actual).ShouldBe(Describe(expected));
    }

    [Fact]
    public void A_query_text_read_before_is_given_back_as_the_same_string()
    {
        var reader = new GraphQLRequestReader();
        var body = """{"query":"query Q {\n  a\n}","variables":{"n":1}}"""u8.ToArray();
        var first = reader.Read(body).Query;
        var second = reader.Read(body).Query;
        var other = reader.Read("""{"query":"query Q {\n  b\n}"}"""u8).Query;

        second.ShouldBe("query Q {\n  a\n}");
        ReferenceEquals(first, second).ShouldBeTrue("decoded once");
        other.ShouldBe("query Q {\n  b\n}");
        // The same text written with other escapes is another raw text: read again, still equal.
        reader.Read("""{"query":"query Q {\u000a  a\u000A}"}"""u8).Query.ShouldBe(first);
    }

    [Fact]
    public void Texts_past_the_size_bound_are_read_each_time_and_many_texts_only_churn_the_table()
    {
        var reader = new GraphQLRequestReader();
        var large = """{"query":"{ """ + new string('a', 40 * 1024) + """ }"}""";
        var once = reader.Read(Encoding.UTF8.GetBytes(large)).Query;
        var twice = reader.Read(Encoding.UTF8.GetBytes(large)).Query;
        twice.ShouldBe(once);
        ReferenceEquals(once, twice).ShouldBeFalse("not kept: larger than any document the cache keeps");

        // 200 distinct 16 KB texts pass the table's 2 MB: it starts over, and every text still reads right.
        for (var i = 0; i < 200; i++)
        {
            var text = "{ f" + i + " " + new string('b', 16 * 1024) + " }";
            reader.Read(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query = text }))).Query.ShouldBe(text);
        }
    }

    private static async Task<(GraphQLRequest? Request, Exception? Error)> Try(Func<Task<GraphQLRequest?>> read)
    {
        try
        {
            return (await read(), null);
        }
        catch (Exception e)
        {
            return (null, e);
        }
    }

    private static string Describe(GraphQLRequest? request) => request is null ? "null" : string.Join(" | ",
        request.Query ?? "<null>", request.OperationName ?? "<null>", request.DocumentId ?? "<null>",
        Describe(request.Variables), Describe(request.Extensions));

    /// <summary>Values with their types: 1 as an int and 1 as a long must not pass as equal.</summary>
    private static string Describe(object? value) => value switch
    {
        null => "null",
        IEnumerable<KeyValuePair<string, object?>> map => "{" + string.Join(",", map.Select(p => p.Key + ":" + Describe(p.Value))) + "}",
        string text => "\"" + text + "\"",
        System.Collections.IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(Describe)) + "]",
        _ => value.GetType().Name + "=" + Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
