using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Visitors;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>
/// What GraphQL.NET's validator finds by walking one operation of a cached document, kept for every later request
/// with it: the nodes with directives and the fields with arguments (the walk is GraphQL.NET's own argument-parsing
/// walk, same types pushed, same fragments followed once), and the operation's variable definitions alone.
/// An operation with a nullable variable used where a non-null value is expected is not supported: GraphQL.NET
/// coerces such a variable as non-null, which depends on the usages this plan leaves out.
/// </summary>
internal sealed class ValidationPlan
{
    private static readonly ValidationPlan Unsupported = new(null, [], []);

    private ValidationPlan(GraphQLOperationDefinition? variablesOnly, List<ASTNode> directiveNodes, List<(GraphQLField, FieldType)> argumentFields)
    {
        VariablesOnly = variablesOnly!;
        DirectiveNodes = directiveNodes;
        ArgumentFields = argumentFields;
    }

    public bool IsSupported => VariablesOnly is not null;

    /// <summary>The operation's name, type and variable definitions, without selections.</summary>
    public GraphQLOperationDefinition VariablesOnly { get; }

    public IReadOnlyList<ASTNode> DirectiveNodes { get; }

    public IReadOnlyList<(GraphQLField Field, FieldType Definition)> ArgumentFields { get; }

    // Coercion contexts of this operation's variables, kept between requests: a context walks the operation for its
    // variables' usages once and keeps them (GraphQL.NET's own cache), where a new one per request walked every time.
    private readonly ValidationContext?[] _contexts = new ValidationContext?[4];

    /// <summary>A coercion context over <see cref="VariablesOnly"/>, kept from an earlier request when one is free.</summary>
    public ValidationContext RentContext(ISchema schema, GraphQLDocument document)
    {
        for (var i = 0; i < _contexts.Length; i++)
        {
            if (Interlocked.Exchange(ref _contexts[i], null) is { } kept) return kept;
        }
        return new ValidationContext { Schema = schema, Document = document, Operation = VariablesOnly };
    }

    /// <summary>Keeps a context whose coercion succeeded, without the request's values.</summary>
    public void Return(ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Variables = Inputs.Empty;
        context.Extensions = Inputs.Empty;
        context.UserContext = null!;
        context.RequestServices = null;
        context.User = null;
        context.CancellationToken = default;
        context.Metrics = null!;
        for (var i = 0; i < _contexts.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _contexts[i], context, null) is null) return;
        }
    }

    public static ValidationPlan Build(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.Variables is { Items.Count: > 0 } definitions)
        {
            var usages = new ValidationContext { Schema = schema, Document = document, Operation = operation, Variables = Inputs.Empty }
                .GetRecursiveVariables(operation) ?? [];
            foreach (var definition in definitions.Items)
            {
                if (definition.Type.GraphTypeFromType(schema) is null or NonNullGraphType) continue;
                if (usages.Any(u => u.Node.Name == definition.Variable.Name && u.Type is NonNullGraphType)) return Unsupported;
            }
        }

        var context = new Context(schema, document);
        Recorder.Instance.VisitAsync(operation, context).AsTask().GetAwaiter().GetResult();
        var variablesOnly = new GraphQLOperationDefinition(new GraphQLSelectionSet([]))
        {
            Operation = operation.Operation,
            Name = operation.Name,
            Variables = operation.Variables,
            Location = operation.Location,
        };
        return new ValidationPlan(variablesOnly, context.DirectiveNodes, context.ArgumentFields);
    }

    private sealed class Context(ISchema schema, GraphQLDocument document) : IASTVisitorContext
    {
        public ISchema Schema { get; } = schema;

        public GraphQLDocument Document { get; } = document;

        public Stack<IComplexGraphType> Types { get; } = new();

        public HashSet<string> VisitedFragments { get; } = new(StringComparer.Ordinal);

        public List<ASTNode> DirectiveNodes { get; } = [];

        public List<(GraphQLField, FieldType)> ArgumentFields { get; } = [];

        public CancellationToken CancellationToken => CancellationToken.None;
    }

    /// <summary>GraphQL.NET 8's argument-parsing walk (DocumentValidator.ParseArgumentVisitor), recording instead of parsing.</summary>
    private sealed class Recorder : ASTVisitor<Context>
    {
        public static readonly Recorder Instance = new();

        public override ValueTask VisitAsync(ASTNode? node, Context context)
        {
            if (node is IHasDirectivesNode { Directives.Count: > 0 }) context.DirectiveNodes.Add(node);
            return base.VisitAsync(node, context);
        }

        protected override async ValueTask VisitOperationDefinitionAsync(GraphQLOperationDefinition operationDefinition, Context context)
        {
            IObjectGraphType? root = operationDefinition.Operation switch
            {
                OperationType.Query => context.Schema.Query,
                OperationType.Mutation => context.Schema.Mutation,
                OperationType.Subscription => context.Schema.Subscription,
                _ => null,
            };
            if (root is null) return;
            context.Types.Push(root);
            await base.VisitOperationDefinitionAsync(operationDefinition, context);
            context.Types.Pop();
        }

        protected override async ValueTask VisitInlineFragmentAsync(GraphQLInlineFragment inlineFragment, Context context)
        {
            if (inlineFragment.TypeCondition is not { } condition)
            {
                await base.VisitInlineFragmentAsync(inlineFragment, context);
                return;
            }
            await VisitWithTypeAsync(condition, context, () => base.VisitInlineFragmentAsync(inlineFragment, context));
        }

        protected override ValueTask VisitFragmentSpreadAsync(GraphQLFragmentSpread fragmentSpread, Context context)
        {
            var name = fragmentSpread.FragmentName.Name.StringValue;
            return context.VisitedFragments.Add(name) && context.Document.FindFragmentDefinition(fragmentSpread.FragmentName.Name.Value) is { } definition
                ? VisitAsync(definition, context)
                : default;
        }

        protected override ValueTask VisitFragmentDefinitionAsync(GraphQLFragmentDefinition fragmentDefinition, Context context) =>
            VisitWithTypeAsync(fragmentDefinition.TypeCondition, context, () => base.VisitFragmentDefinitionAsync(fragmentDefinition, context));

        protected override async ValueTask VisitFieldAsync(GraphQLField field, Context context)
        {
            var schema = context.Schema;
            var name = field.Name.StringValue;
            var definition = name == schema.TypeMetaFieldType.Name ? schema.TypeMetaFieldType
                : name == schema.TypeNameMetaFieldType.Name ? schema.TypeNameMetaFieldType
                : name == schema.SchemaMetaFieldType.Name ? schema.SchemaMetaFieldType
                : context.Types.Count > 0 ? context.Types.Peek().Fields.Find(name) : null;
            if (definition is null) return;
            if (field.Arguments is { Count: > 0 }) context.ArgumentFields.Add((field, definition));

            switch (definition.ResolvedType?.GetNamedType())
            {
                case IComplexGraphType complex:
                    context.Types.Push(complex);
                    await base.VisitFieldAsync(field, context);
                    context.Types.Pop();
                    break;
                case UnionGraphType:
                    await base.VisitFieldAsync(field, context);
                    break;
            }
        }

        private static async ValueTask VisitWithTypeAsync(GraphQLTypeCondition condition, Context context, Func<ValueTask> visit)
        {
            switch (context.Schema.AllTypes[condition.Type.Name.StringValue]?.GetNamedType())
            {
                case IComplexGraphType complex:
                    context.Types.Push(complex);
                    await visit();
                    context.Types.Pop();
                    break;
                case IAbstractGraphType:
                    await visit();
                    break;
            }
        }
    }
}
