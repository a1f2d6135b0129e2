using GraphQL.Validation;
using GraphQLParser.AST;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>GET must be safe: only queries run over it; the transport answers the violation with 405.</summary>
internal sealed class HttpGetValidationRule : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Operation.Operation != OperationType.Query)
            context.ReportError(new HttpMethodValidationError(context.Document.Source, context.Operation));
        return default;
    }
}
