using GraphQL.Validation;
using GraphQLParser.AST;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>
/// What HTTP may run: subscriptions go over the WebSocket (an HTTP request would get <c>data: null</c> and nothing
/// else), and GET must be safe, so it runs queries only; the transport answers the latter with 405. A document
/// <see cref="DocumentCache"/> lets skip the rules has run as a query or mutation, never as a subscription.
/// </summary>
internal sealed class HttpOperationValidationRule : ValidationRuleBase
{
    public static readonly HttpOperationValidationRule Get = new(isGet: true);
    public static readonly HttpOperationValidationRule Post = new(isGet: false);

    private HttpOperationValidationRule(bool isGet) => IsGet = isGet;

    public bool IsGet { get; }

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Operation.Operation == OperationType.Subscription)
            context.ReportError(new SubscriptionOverHttpError(context.Document.Source, context.Operation));
        else if (IsGet && context.Operation.Operation != OperationType.Query)
            context.ReportError(new HttpMethodValidationError(context.Document.Source, context.Operation));
        return default;
    }
}
