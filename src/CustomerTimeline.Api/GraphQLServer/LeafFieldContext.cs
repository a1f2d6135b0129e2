using System.Security.Claims;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Instrumentation;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>
/// The resolve context of the leaf fields <see cref="TimelineExecutionStrategy"/> resolves in place: one instance
/// re-pointed at leaf after leaf of an object, where GraphQL.NET's own would be re-pointed too. What resolvers read
/// (source, user context, services, schema, variables) comes straight from the node and the execution; everything
/// else from GraphQL.NET's own context of the same node, made only when a resolver asks.
/// </summary>
internal sealed class LeafFieldContext : IResolveFieldContext
{
    private ExecutionNode _node = null!;
    private ExecutionContext _context = null!;
    private ReadonlyResolveFieldContext? _full;

    public LeafFieldContext Reset(ExecutionNode node, ExecutionContext context)
    {
        _node = node;
        _context = context;
        _full = null;
        return this;
    }

    private ReadonlyResolveFieldContext Full => _full ??= new ReadonlyResolveFieldContext(_node, _context);

    public object? Source => _node.Source;
    public GraphQLField FieldAst => _node.Field;
    public FieldType FieldDefinition => _node.FieldDefinition;
    public IObjectGraphType ParentType => _node.GetParentType(_context.Schema)!;
    public object? RootValue => _context.RootValue;
    public ISchema Schema => _context.Schema;
    public GraphQLDocument Document => _context.Document;
    public GraphQLOperationDefinition Operation => _context.Operation;
    public Variables Variables => _context.Variables;
    public CancellationToken CancellationToken => _context.CancellationToken;
    public Metrics Metrics => _context.Metrics;
    public ExecutionErrors Errors => _context.Errors;
    public IDictionary<string, object?> UserContext => _context.UserContext;
    public IServiceProvider? RequestServices => _context.RequestServices;
    public ClaimsPrincipal? User => _context.User;
    public IExecutionContext ExecutionContext => _context;

    public IResolveFieldContext? Parent => Full.Parent;
    public IDictionary<string, ArgumentValue>? Arguments => Full.Arguments;
    public IDictionary<string, DirectiveInfo>? Directives => Full.Directives;
    public IEnumerable<object> Path => Full.Path;
    public IEnumerable<object> ResponsePath => Full.ResponsePath;
    public Dictionary<string, (GraphQLField Field, FieldType FieldType)>? SubFields => Full.SubFields;
    public IReadOnlyDictionary<string, object?> InputExtensions => Full.InputExtensions;
    public IDictionary<string, object?> OutputExtensions => Full.OutputExtensions;
    public IExecutionArrayPool ArrayPool => Full.ArrayPool;
}
