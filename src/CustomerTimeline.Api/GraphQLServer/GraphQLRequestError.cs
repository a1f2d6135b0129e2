namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>A request the transport refuses before execution, with the HTTP status the spec asks for.</summary>
internal sealed class GraphQLRequestError(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
