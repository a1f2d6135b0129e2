using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>Rejects documents with more aliased fields than GraphQL:Limits:MaxAliases.</summary>
internal sealed class MaxAliasesValidationRule(IOptions<GraphQLLimitsOptions> options) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var max = options.Value.MaxAliases;
        var count = 0;
        return new ValueTask<INodeVisitor?>(new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
        {
            if (field.Alias is null) return;
            count++;
            if (count == max + 1)
                ctx.ReportError(new TooManyAliasesError(ctx.Document.Source, field, max));
        }));
    }
}
