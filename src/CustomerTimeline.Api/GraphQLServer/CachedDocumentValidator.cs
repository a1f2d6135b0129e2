using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>
/// GraphQL.NET's validator, plus a short way for the documents <see cref="DocumentCache"/> already validated with the
/// same inputs (it passes an empty rule list for them). With no rule to run GraphQL.NET still walks the whole
/// document twice per request: once to find where each variable is used, once to parse every field's arguments
/// (~100 µs of a ~800 µs agent context). Both walks depend on the document alone, so here they run once per cached
/// operation (<see cref="ValidationPlan"/>); a request then only coerces its variables (GraphQL.NET's own coercion, in
/// a context kept between requests, which walks the operation for its variables once)
/// and parses the arguments and directives at the places the walk found (GraphQL.NET's own ExecutionHelper). A
/// request whose variables or arguments do not coerce goes through the full validator, which reports it as always.
/// </summary>
internal sealed class CachedDocumentValidator : IDocumentValidator
{
    private readonly DocumentValidator _full = new();
    private readonly ConditionalWeakTable<GraphQLOperationDefinition, ValidationPlan> _plans = [];

    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        if (options.Rules is not ICollection<IValidationRule> { Count: 0 } || options.Operation is not { } operation)
            return _full.ValidateAsync(options);
        if (!_plans.TryGetValue(operation, out var plan))
        {
            plan = ValidationPlan.Build(options.Schema, options.Document, operation);
            _plans.AddOrUpdate(operation, plan);
        }
        return plan.IsSupported ? ValidateCachedAsync(plan, options) : _full.ValidateAsync(options);
    }

    private async Task<IValidationResult> ValidateCachedAsync(ValidationPlan plan, ValidationOptions options)
    {
        options.Schema.Initialize();
        // The operation's variable definitions without its selections: GraphQL.NET's coercion of the request's
        // variables, without the walk for their usages (the plan checked those once).
        var context = plan.RentContext(options.Schema, options.Document);
        context.Variables = options.Variables ?? Inputs.Empty;
        context.Extensions = options.Extensions ?? Inputs.Empty;
        context.UserContext = options.UserContext;
        context.RequestServices = options.RequestServices;
        context.User = options.User;
        context.CancellationToken = options.CancellationToken;
        context.Metrics = options.Metrics;
        var (variables, errors) = await context.GetVariablesValuesAsync();
        if (errors is { Count: > 0 } || context.HasErrors) return await _full.ValidateAsync(options);
        plan.Return(context);

        Dictionary<GraphQLField, IDictionary<string, ArgumentValue>>? arguments = null;
        Dictionary<ASTNode, IDictionary<string, DirectiveInfo>>? directives = null;
        try
        {
            foreach (var node in plan.DirectiveNodes)
            {
                if (ExecutionHelper.GetDirectives((IHasDirectivesNode)node, variables, options.Schema, options.Document) is { } found)
                    (directives ??= []).Add(node, found);
            }
            foreach (var (field, definition) in plan.ArgumentFields)
            {
                if (ExecutionHelper.GetArguments(definition.Arguments, field.Arguments, variables, options.Document, field, null) is { } found)
                    (arguments ??= []).Add(field, found);
            }
        }
        catch (ValidationError)
        {
            return await _full.ValidateAsync(options);
        }

        return new ValidationResult(Array.Empty<ValidationError>())
        {
            Variables = variables,
            ArgumentValues = arguments,
            DirectiveValues = directives,
        };
    }
}
