using GraphQL;
using GraphQL.Execution;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>
/// Unexpected exceptions reach clients as a generic message and code: no stack trace, no exception type
/// (GraphQL.NET would otherwise derive codes such as INVALID_OPERATION from the exception's type name).
/// </summary>
internal sealed class TimelineErrorInfoProvider() : ErrorInfoProvider(new ErrorInfoProviderOptions
{
    ExposeExceptionDetails = false,
    ExposeData = false,
})
{
    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        ArgumentNullException.ThrowIfNull(executionError);
        if (executionError is UnhandledError)
        {
            return new ErrorInfo
            {
                Message = "An internal error occurred while resolving this field.",
                Extensions = new Dictionary<string, object?> { ["code"] = "INTERNAL_SERVER_ERROR" },
            };
        }
        return base.GetInfo(executionError);
    }
}
