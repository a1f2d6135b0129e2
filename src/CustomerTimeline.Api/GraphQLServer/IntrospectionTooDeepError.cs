using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace CustomerTimeline.Api.GraphQLServer;

internal sealed class IntrospectionTooDeepError : ValidationError
{
    public IntrospectionTooDeepError(ROM source, ASTNode node)
        : base(source, null!, "Maximum introspection depth exceeded: nest fields, inputFields, interfaces and possibleTypes at most two deep.", node)
    {
        Code = "INTROSPECTION_TOO_DEEP";
    }
}
