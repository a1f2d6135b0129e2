using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace CustomerTimeline.Api.GraphQLServer;

internal sealed class TooManyAliasesError : ValidationError
{
    public TooManyAliasesError(ROM source, ASTNode node, int max)
        : base(source, null!, $"The document uses more than {max} aliases; send fewer aliased fields per request.", node)
    {
        Code = "MAX_ALIASES_EXCEEDED";
    }
}
