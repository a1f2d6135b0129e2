using System.Collections.Concurrent;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>Content negotiation as the GraphQL-over-HTTP spec describes it.</summary>
internal static class MediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// Picks the response media type from Accept, honouring q-values; null when nothing acceptable is offered.
    /// A missing Accept header is treated as application/graphql-response+json, as the spec says servers should
    /// since 2025-01-01 (a client that wants the legacy format asks for application/json).
    /// </summary>
    public static string? Negotiate(IList<string>? accept)
    {
        if (accept is null || accept.Count == 0 || accept.All(string.IsNullOrWhiteSpace))
            return GraphQLResponse;
        return accept.Count == 1 ? Remember(Negotiated, accept[0], value => NegotiateParsed([value])) : NegotiateParsed(accept);
    }

    /// <summary>
    /// Content-Type of an error body written outside GraphQL execution (401, 403, 405, 429): on the GraphQL endpoint
    /// the negotiated type, so a client reads every answer the same way; application/json elsewhere, or when Accept
    /// allows neither type.
    /// </summary>
    public static string ErrorContentTypeFor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var graphQL = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == GraphQLExtensions.EndpointName;
        return (graphQL ? Negotiate(context.Request.Headers.Accept) ?? Json : Json) + "; charset=utf-8";
    }

    private static string? NegotiateParsed(IList<string> accept)
    {
        if (!MediaTypeHeaderValue.TryParseList(accept, out var values))
            return null;

        string? best = null;
        double bestQ = 0;
        foreach (var value in values)
        {
            var q = value.Quality ?? 1.0;
            if (q <= 0) continue;
            var type = value.MediaType.Value?.ToLowerInvariant();
            if (!IsUtf8OrAbsent(value.Charset)) continue;
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

    // Clients send the same few header values all day and this runs on every request: each value is parsed once.
    // Bounded, since the values come from clients.
    private const int MaxRemembered = 256;
    private static readonly ConcurrentDictionary<string, string?> Negotiated = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, bool> JsonContentTypes = new(StringComparer.Ordinal);

    private static T Remember<T>(ConcurrentDictionary<string, T> answers, string value, Func<string, T> answer)
    {
        if (answers.TryGetValue(value, out var known)) return known;
        var computed = answer(value);
        if (answers.Count < MaxRemembered) answers.TryAdd(value, computed);
        return computed;
    }

    public static bool IsJsonContentType(string? contentType) =>
        !string.IsNullOrEmpty(contentType) && Remember(JsonContentTypes, contentType, IsJsonContentTypeParsed);

    private static bool IsJsonContentTypeParsed(string contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
            return false;
        return string.Equals(parsed.MediaType.Value, Json, StringComparison.OrdinalIgnoreCase) && IsUtf8OrAbsent(parsed.Charset);
    }

    // A parameter value may be a quoted string (RFC 9110 5.6.6): charset="utf-8" is charset=utf-8, in any case.
    private static bool IsUtf8OrAbsent(StringSegment charset) =>
        !charset.HasValue || HeaderUtilities.RemoveQuotes(charset).Equals("utf-8", StringComparison.OrdinalIgnoreCase);
}
