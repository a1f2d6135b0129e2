using Microsoft.Net.Http.Headers;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>Content negotiation as the GraphQL-over-HTTP spec describes it.</summary>
internal static class MediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// Picks the response media type from Accept, honouring q-values; null when nothing acceptable is offered.
    /// A missing Accept header is treated as application/json, as the spec allows for legacy clients.
    /// </summary>
    public static string? Negotiate(IList<string>? accept)
    {
        if (accept is null || accept.Count == 0 || accept.All(string.IsNullOrWhiteSpace))
            return Json;
        // The headers clients actually send answer without parsing (this runs on every request).
        if (accept.Count == 1 && Common.TryGetValue(accept[0], out var known))
            return known;
        if (!MediaTypeHeaderValue.TryParseList(accept, out var values))
            return null;

        string? best = null;
        double bestQ = 0;
        foreach (var value in values)
        {
            var q = value.Quality ?? 1.0;
            if (q <= 0) continue;
            var type = value.MediaType.Value?.ToLowerInvariant();
            var charset = value.Charset.Value;
            if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)) continue;
            string? candidate = type switch
            {
                GraphQLResponse => GraphQLResponse,
                Json => Json,
                "application/*" or "*/*" => GraphQLResponse,
                _ => null,
            };
            // Equal weights prefer the spec's own media type.
            if (candidate is not null && (q > bestQ || (q == bestQ && candidate == GraphQLResponse)))
            {
                best = candidate;
                bestQ = q;
            }
        }
        return best;
    }

    private static readonly Dictionary<string, string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        [Json] = Json,
        [Json + "; charset=utf-8"] = Json,
        [GraphQLResponse] = GraphQLResponse,
        [GraphQLResponse + ", " + Json + ";q=0.9"] = GraphQLResponse,
        [GraphQLResponse + ", " + Json] = GraphQLResponse,
        ["*/*"] = GraphQLResponse,
    };

    public static bool IsJsonContentType(string? contentType)
    {
        if (string.Equals(contentType, Json, StringComparison.OrdinalIgnoreCase)
            || string.Equals(contentType, Json + "; charset=utf-8", StringComparison.OrdinalIgnoreCase))
            return true;
        if (string.IsNullOrEmpty(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var parsed))
            return false;
        var charset = parsed.Charset.Value;
        return string.Equals(parsed.MediaType.Value, Json, StringComparison.OrdinalIgnoreCase)
            && (charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
    }
}
