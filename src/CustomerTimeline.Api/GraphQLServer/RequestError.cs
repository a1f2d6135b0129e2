using GraphQL;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>An error raised by the transport before GraphQL execution starts.</summary>
internal sealed class RequestError : ExecutionError
{
    public RequestError(string message) : base(message)
    {
        Code = "BAD_REQUEST";
    }
}
