using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CustomerTimeline.Tests.Infrastructure;

public sealed record GraphQLResponse(HttpStatusCode Status, string? ContentType, JsonNode Body)
{
    public JsonNode? Data => Body["data"];
    public JsonArray? Errors => Body["errors"] as JsonArray;

    public JsonNode DataOrThrow()
    {
        if (Errors is { Count: > 0 }) throw new InvalidOperationException("GraphQL errors: " + Errors.ToJsonString());
        return Data ?? throw new InvalidOperationException("No data: " + Body.ToJsonString());
    }

    public string FirstErrorMessage => Errors?[0]?["message"]?.GetValue<string>() ?? "";
    public string? FirstErrorCode => Errors?[0]?["extensions"]?["code"]?.GetValue<string>();
}

public sealed class GraphQLClient(HttpClient http) : IDisposable
{
    public HttpClient Http => http;

    public async Task<GraphQLResponse> PostAsync(string query, object? variables = null, string accept = "application/graphql-response+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        using var response = await http.SendAsync(request);
        return await ReadAsync(response);
    }

    public async Task<JsonNode> QueryAsync(string query, object? variables = null) =>
        (await PostAsync(query, variables)).DataOrThrow();

    public static async Task<GraphQLResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonNode body;
        try
        {
            body = JsonNode.Parse(text) ?? new JsonObject();
        }
        catch (JsonException)
        {
            body = new JsonObject { ["raw"] = text };
        }
        return new GraphQLResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    public void Dispose() => http.Dispose();
}
