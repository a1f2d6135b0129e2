using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using GraphQL.DataLoader;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>
/// GraphQL.NET's serial strategy (one scoped DbContext per request: batch loaders do the fan-out), collecting each
/// object's fields once per selection set and type instead of once per object: a page of 50 events otherwise
/// collects the same 13 fields 50 times, on every request. Only selection sets whose collection depends on nothing
/// but the object's type are kept — no directive anywhere in them (@skip/@include read variables) and no response
/// name selected twice (GraphQL.NET merges those into new field nodes per request); the rest are collected as before.
/// The cache lives with the (cached) document's nodes.
/// In those selection sets the scalar and enum fields without arguments are resolved as the object's fields are set
/// (<see cref="ResolvedLeafNode"/>): a page of 50 events is otherwise 650 trips through the engine's node loop, each
/// with its own resolve, completion and step.
/// </summary>
public sealed partial class TimelineExecutionStrategy : SerialExecutionStrategy
{
    // Per selection set and object type: the collected fields, or null when the collection cannot be kept.
    private readonly ConditionalWeakTable<GraphQLSelectionSet, ConcurrentDictionary<IGraphType, Kept?>> _collected = [];

    /// <summary>A collected field, with its scalar when it is a leaf resolved in place.</summary>
    private readonly record struct Collected(GraphQLField Field, FieldType FieldType, ScalarGraphType? Leaf);

    /// <summary>A kept selection set's fields, and their response names as the answer's writer writes them.</summary>
    private sealed class Kept(Collected[] fields)
    {
        public Collected[] Fields { get; } = fields;

        // ExecutionNode.Name's rule: the alias, else the field definition's name.
        public JsonEncodedText[] Names { get; } =
            [.. fields.Select(f => ExecutionResultWriter.EncodedName(f.Field.Alias?.Name.StringValue ?? f.FieldType.Name))];
    }

    protected override void SetSubFieldNodes(ExecutionContext context, ObjectExecutionNode parent)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parent);
        if (parent.SelectionSet is not { } selectionSet)
        {
            base.SetSubFieldNodes(context, parent);
            return;
        }
        IGraphType type = parent.GetObjectGraphType(context.Schema) ?? parent.GraphType;
        var byType = _collected.GetValue(selectionSet, _ => new ConcurrentDictionary<IGraphType, Kept?>(ReferenceEqualityComparer.Instance));
        if (!byType.TryGetValue(type, out var kept))
        {
            kept = IsTypeOnly(context.Document, selectionSet)
                ? new Kept([.. CollectFieldsFrom(context, type, selectionSet, null).Values.Select(f => new Collected(f.field, f.fieldType, IsPlainLeaf(f.fieldType)))])
                : null;
            byType.TryAdd(type, kept);
        }
        if (kept is null)
        {
            base.SetSubFieldNodes(context, parent);
            return;
        }
        var fields = kept.Fields;

        context.CancellationToken.ThrowIfCancellationRequested();
        var nodes = new ExecutionNode[fields.Length];
        var leafContext = t_leafContext ?? new LeafFieldContext();
        t_leafContext = null; // taken: a resolver that runs another execution on this thread gets its own
        for (var i = 0; i < fields.Length; i++)
        {
            var (field, fieldType, scalar) = fields[i];
            if (scalar is not null)
            {
                var leaf = new ResolvedLeafNode(parent, scalar, field, fieldType);
                if (!Resolve(context, leaf, scalar, leafContext.Reset(leaf, context))) leafContext = new LeafFieldContext();
                nodes[i] = leaf;
            }
            else
            {
                nodes[i] = BuildExecutionNode(parent, fieldType.ResolvedType!, field, fieldType);
            }
        }
        parent.SubFields = nodes;
        if (parent is NamedObjectNode named) named.Names = kept.Names;
        t_leafContext = leafContext;
    }

    /// <summary>Object nodes that can carry their kept selection set's encoded names to the answer's writer.</summary>
    protected override ExecutionNode BuildExecutionNode(ExecutionNode parent, IGraphType graphType, GraphQLField field, FieldType fieldDefinition, int? indexInParentNode = null)
    {
        var type = graphType is NonNullGraphType nonNull ? nonNull.ResolvedType! : graphType;
        return type is IObjectGraphType or IAbstractGraphType
            ? new NamedObjectNode(parent, type, field, fieldDefinition, indexInParentNode)
            : base.BuildExecutionNode(parent, graphType, field, fieldDefinition, indexInParentNode);
    }

    /// <summary>Resolved leaves are done, or pending as a batch loader's result would be: not resolved again.</summary>
    protected override Task ExecuteNodeAsync(ExecutionContext context, ExecutionNode node) =>
        node is ResolvedLeafNode ? Task.CompletedTask : base.ExecuteNodeAsync(context, node);

    /// <summary>
    /// GraphQL.NET's serial order (depth first in field order; nodes waiting on a batch loader once nothing else can
    /// run, their children next, in field order), without a trip through the loop for leaves already resolved.
    /// </summary>
    public override async Task ExecuteNodeTreeAsync(ExecutionContext context, ExecutionNode rootNode)
    {
        ArgumentNullException.ThrowIfNull(context);
        var work = Interlocked.Exchange(ref _reusableWork, null) ?? new Work();
        try
        {
            work.Ready.Push(rootNode);
            while (work.Ready.Count > 0 || work.Waiting.Count > 0)
            {
                while (work.Ready.TryPop(out var node))
                {
                    await ExecuteNodeAsync(context, node).ConfigureAwait(false);
                    if (node.Result is IDataLoaderResult) work.Waiting.Enqueue(node);
                    else if (node is IParentExecutionNode parent) parent.ApplyToChildren(PushUnresolved, work.Ready, reverse: true);
                }
                while (work.Waiting.TryDequeue(out var node))
                {
                    await CompleteDataLoaderNodeAsync(context, node).ConfigureAwait(false);
                    if (node.Result is IDataLoaderResult) work.Waiting.Enqueue(node);
                    else if (node is IParentExecutionNode parent) parent.ApplyToChildren(AddUnresolved, work.Loaded, reverse: false);
                }
                for (var i = work.Loaded.Count - 1; i >= 0; i--) work.Ready.Push(work.Loaded[i]);
                work.Loaded.Clear();
            }
        }
        finally
        {
            work.Clear();
            Interlocked.CompareExchange(ref _reusableWork, work, null);
        }
    }

    private static readonly Action<ExecutionNode, Stack<ExecutionNode>> PushUnresolved = (node, ready) =>
    {
        if (!IsDone(node)) ready.Push(node);
    };

    private static readonly Action<ExecutionNode, List<ExecutionNode>> AddUnresolved = (node, loaded) =>
    {
        if (!IsDone(node)) loaded.Add(node);
    };

    private static bool IsDone(ExecutionNode node) => node is ResolvedLeafNode && node.Result is not IDataLoaderResult;

    private Work? _reusableWork;

    private sealed class Work
    {
        public Stack<ExecutionNode> Ready { get; } = new();
        public Queue<ExecutionNode> Waiting { get; } = new();
        public List<ExecutionNode> Loaded { get; } = [];

        public void Clear()
        {
            Ready.Clear();
            Waiting.Clear();
            Loaded.Clear();
        }
    }

    /// <summary>No directive and no response name twice, through every fragment the selection set can reach.</summary>
    private static bool IsTypeOnly(GraphQLDocument document, GraphQLSelectionSet selectionSet)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var fragments = new HashSet<string>(StringComparer.Ordinal);
        return Visit(selectionSet);

        bool Visit(GraphQLSelectionSet set)
        {
            foreach (var selection in set.Selections)
            {
                if (selection is IHasDirectivesNode { Directives.Count: > 0 }) return false;
                switch (selection)
                {
                    case GraphQLField field:
                        if (!names.Add((field.Alias?.Name ?? field.Name).StringValue)) return false;
                        break;
                    case GraphQLInlineFragment inline:
                        if (!Visit(inline.SelectionSet)) return false;
                        break;
                    case GraphQLFragmentSpread spread:
                        // A fragment spread twice is collected once by GraphQL.NET too, but keep the rule simple.
                        if (!fragments.Add(spread.FragmentName.Name.StringValue)) return false;
                        if (document.FindFragmentDefinition(spread.FragmentName.Name.Value) is not { } definition) return false;
                        if (definition.Directives is { Count: > 0 } || !Visit(definition.SelectionSet)) return false;
                        break;
                    default:
                        return false;
                }
            }
            return true;
        }
    }
}
