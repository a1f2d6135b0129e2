using GraphQL;

namespace CustomerTimeline.Api.Sources;

/// <summary>The vendor a request needed could not answer (outage, refused credentials, rate limit): try again later.</summary>
public sealed class SourceUnavailableError : ExecutionError
{
    public SourceUnavailableError(string message) : base(message)
    {
        Code = "SOURCE_UNAVAILABLE";
    }
}
