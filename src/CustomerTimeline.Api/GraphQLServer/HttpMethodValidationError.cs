using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace CustomerTimeline.Api.GraphQLServer;

internal sealed class HttpMethodValidationError : ValidationError
{
    public HttpMethodValidationError(ROM source, ASTNode node)
        : base(source, null!, "Only query operations can be sent with GET; use POST for mutations.", node)
    {
        Code = "METHOD_NOT_ALLOWED";
    }
}
