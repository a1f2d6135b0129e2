using GraphQL;

namespace CustomerTimeline.Api.Privacy;

/// <summary>The export is too large to answer inline; its download address streams it.</summary>
public sealed class ExportTooLargeError : ExecutionError
{
    public ExportTooLargeError(string message) : base(message)
    {
        Code = "EXPORT_TOO_LARGE";
    }
}
