using System.Globalization;
using System.Text.RegularExpressions;
using CustomerTimeline.Api.Customers;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>
/// Unexpected exceptions reach clients as a generic message and code: no stack trace, no exception type
/// (GraphQL.NET would otherwise derive codes such as INVALID_OPERATION from the exception's type name).
/// Outside Development, validation messages also lose their "Did you mean ...?" hints, which would let a
/// caller without introspection discover the schema by typos.
/// </summary>
internal sealed partial class TimelineErrorInfoProvider(IOptions<GraphQLLimitsOptions> limits, IHostEnvironment environment)
    : ErrorInfoProvider(new ErrorInfoProviderOptions
    {
        ExposeExceptionDetails = false,
        ExposeData = false,
    })
{
    private readonly bool _hideSuggestions = limits.Value.HideSuggestions ?? !environment.IsDevelopment();
    private readonly TimeSpan _timeout = limits.Value.ExecutionTimeout;

    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        ArgumentNullException.ThrowIfNull(executionError);
        if (executionError is UnhandledError)
        {
            return new ErrorInfo
            {
                // A field's failure has its path; one without a path failed the request as a whole.
                Message = executionError.Path is null
                    ? "An internal error occurred while executing this request."
                    : "An internal error occurred while resolving this field.",
                Extensions = new Dictionary<string, object?> { ["code"] = "INTERNAL_SERVER_ERROR" },
            };
        }
        if (executionError is TimeoutError)
        {
            return new ErrorInfo
            {
                Message = string.Create(CultureInfo.InvariantCulture,
                    $"The request did not finish within {_timeout.TotalSeconds:0.###} s and was stopped; ask for less (smaller pages, fewer nested lists)."),
                Extensions = new Dictionary<string, object?> { ["code"] = "TIMEOUT" },
            };
        }
        var info = base.GetInfo(executionError);
        if (executionError is CustomerMergedError merged)
            (info.Extensions ??= new Dictionary<string, object?>())["mergedInto"] = merged.MergedInto;
        if (executionError is SharedPhoneError shared)
            (info.Extensions ??= new Dictionary<string, object?>())["customerIds"] = shared.CustomerIds;
        if (_hideSuggestions && executionError is ValidationError)
            info.Message = Suggestion().Replace(info.Message, "");
        return info;
    }

    [GeneratedRegex(@"\s*Did you mean [^?]*\?", RegexOptions.CultureInvariant)]
    private static partial Regex Suggestion();
}
