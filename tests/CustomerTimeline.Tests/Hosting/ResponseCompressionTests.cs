using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CustomerTimeline.Tests.Infrastructure;

namespace CustomerTimeline.Tests.Hosting;

/// <summary>Answers are gzipped for a client that asks, as browsers (the widget, GraphiQL) always do.</summary>
public sealed class ResponseCompressionTests
{
    private const string Query = """{"query":"{ customers(first: 5) { nodes { id displayName timeline(first: 20) { nodes { title occurredAt } } } } }"}""";

    [Fact]
    public async Task A_client_that_accepts_gzip_gets_the_same_answer_gzipped_and_others_get_it_plain()
    {
        await using var api = new TimelineApiFactory();
        await api.SeedAsync(SampleData.SeedAsync);

        var (plainHeaders, plain) = await PostAsync(api, acceptEncoding: null);
        var (zippedHeaders, zipped) = await PostAsync(api, acceptEncoding: "gzip, deflate, br");

        plainHeaders.ContentEncoding.ShouldBeEmpty();
        zippedHeaders.ContentEncoding.ShouldBe(["gzip"]);
        zipped.Length.ShouldBeLessThan(plain.Length / 2);
        zippedHeaders.ContentType!.MediaType.ShouldBe("application/graphql-response+json");
        var unzipped = await GunzipAsync(zipped);
        JsonNode.DeepEquals(JsonNode.Parse(unzipped), JsonNode.Parse(plain)).ShouldBeTrue();
        JsonNode.Parse(unzipped)!["data"]!["customers"]!["nodes"]!.AsArray().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Http_ResponseCompression_false_turns_it_off()
    {
        await using var api = new ConfiguredApiFactory("Production", new Dictionary<string, string?> { ["Http:ResponseCompression"] = "false" });
        await api.SeedAsync(SampleData.SeedAsync);

        var (headers, body) = await PostAsync(api, acceptEncoding: "gzip");

        headers.ContentEncoding.ShouldBeEmpty();
        JsonNode.Parse(body)!["data"]!["customers"].ShouldNotBeNull();
    }

    private static async Task<(HttpContentHeaders Headers, byte[] Body)> PostAsync(TimelineApiFactory api, string? acceptEncoding)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(Query, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Mint());
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (acceptEncoding is not null) request.Headers.AcceptEncoding.ParseAdd(acceptEncoding);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (response.Content.Headers, await response.Content.ReadAsByteArrayAsync());
    }

    private static async Task<string> GunzipAsync(byte[] body)
    {
        await using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
