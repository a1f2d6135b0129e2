using System.Security.Claims;
using System.Text.Json;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>
/// A GraphQL POST for the endpoint's own handler, without HTTP: the start-up warm-up and the bench's in-process loop
/// build the same request, as Kestrel would hand it over after authentication.
/// </summary>
internal static class InMemoryGraphQLRequest
{
    public static DefaultHttpContext Create(IServiceProvider requestServices, ClaimsPrincipal user, byte[] body, Stream response)
    {
        var context = new DefaultHttpContext { RequestServices = requestServices, User = user };
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = MediaTypes.Json;
        context.Request.Headers.Accept = MediaTypes.GraphQLResponse;
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Response.Body = response;
        return context;
    }

    /// <summary>Whether the answer written so far carries errors (the bytes are scanned, never logged).</summary>
    public static bool HasErrors(MemoryStream response) =>
        response.GetBuffer().AsSpan(0, (int)response.Length).IndexOf("\"errors\""u8) >= 0;

    /// <summary>
    /// The answer's distinct error codes (<c>extensions.code</c>, comma-separated; empty when none): fixed identifiers
    /// the server sets, never data, so they may be logged where the answer may not.
    /// </summary>
    public static string ErrorCodes(MemoryStream response)
    {
        try
        {
            using var document = JsonDocument.Parse(response.GetBuffer().AsMemory(0, (int)response.Length));
            if (!document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array) return "";
            var codes = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var error in errors.EnumerateArray())
            {
                if (error.ValueKind == JsonValueKind.Object
                    && error.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
                    && extensions.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
                {
                    codes.Add(code.GetString()!);
                }
            }
            return string.Join(',', codes);
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
