using GraphQL;

namespace CustomerTimeline.Api.Privacy;

public sealed class NotFoundError : ExecutionError
{
    public NotFoundError(string message) : base(message)
    {
        Code = "NOT_FOUND";
    }
}
