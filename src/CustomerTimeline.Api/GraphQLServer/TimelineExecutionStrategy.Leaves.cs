using GraphQL.DataLoader;
using GraphQL.Execution;
using GraphQL.Types;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>The leaves resolved where their object's fields are set (see the type's summary).</summary>
public sealed partial class TimelineExecutionStrategy
{
    [ThreadStatic]
    private static LeafFieldContext? t_leafContext;

    private static ScalarGraphType? IsPlainLeaf(FieldType fieldType)
    {
        if (fieldType.Arguments is { Count: > 0 }) return null;
        var type = fieldType.ResolvedType is NonNullGraphType nonNull ? nonNull.ResolvedType : fieldType.ResolvedType;
        return type as ScalarGraphType;
    }

    /// <summary>
    /// Resolves and completes one leaf on the spot when its resolver answers synchronously with a value its scalar
    /// takes; anything else is handed to GraphQL.NET as a pending result. False when the resolver may still hold
    /// the context (it did not answer synchronously with a plain value), which then cannot serve the next leaf.
    /// </summary>
    private bool Resolve(ExecutionContext context, ResolvedLeafNode node, ScalarGraphType scalar, LeafFieldContext leafContext)
    {
        ValueTask<object?> resolving;
        try
        {
            resolving = SelectResolver(node, context).ResolveAsync(leafContext);
        }
        catch (Exception e)
        {
            node.Result = new ResolvedLeafNode.Deferred(e);
            return false;
        }
        if (!resolving.IsCompletedSuccessfully)
        {
            node.Result = new ResolvedLeafNode.Deferred(resolving.AsTask());
            return false;
        }
        var value = resolving.Result;
        if (value is IDataLoaderResult)
        {
            node.Result = value;
            return false;
        }
        if (value is DateTimeOffset at && scalar.GetType() == typeof(DateTimeOffsetGraphType))
        {
            // Kept as the value: both writers (ExecutionResultWriter, and the serializer with the API's encoder) write it
            // as the scalar's own string would read, ISO 8601 with the fraction trimmed, without formatting that
            // string through a custom format first (~2% of an agent context).
            node.Result = at;
            return true;
        }
        object? serialized;
        try
        {
            serialized = value is null ? null : scalar.Serialize(value);
        }
        catch (Exception)
        {
            serialized = null; // GraphQL.NET serializes it again, and reports the failure its own way
        }
        node.Result = serialized is null && (value is not null || node.FieldDefinition.ResolvedType is NonNullGraphType)
            ? new ResolvedLeafNode.Deferred(value)
            : serialized;
        return true;
    }
}
