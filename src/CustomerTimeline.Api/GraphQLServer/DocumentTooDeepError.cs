using GraphQL.Execution;
using GraphQLParser.Exceptions;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>
/// A document nested deeper than the parser goes. GraphQL.NET turns the parser's syntax errors into a
/// <see cref="SyntaxError"/> but lets this one through as an unhandled exception, which would answer a client's
/// mistake with an internal error and log the document's text (which may hold personal data) as a failure.
/// </summary>
internal sealed class DocumentTooDeepError : DocumentError
{
    public DocumentTooDeepError(GraphQLMaxDepthExceededException exception)
        : base("Error parsing query: the document is nested too deeply; send fewer nested selections, fragments or values.", exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Code = "SYNTAX_ERROR";
        AddLocation(exception.Location);
    }
}
