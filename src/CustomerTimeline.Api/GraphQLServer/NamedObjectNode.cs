using System.Text.Json;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>
/// An object node of <see cref="TimelineExecutionStrategy"/>: when its fields come from a kept selection set, it
/// carries their response names, encoded once for that set, so <see cref="ExecutionResultWriter"/> writes them
/// without a lookup per field of every object.
/// </summary>
internal sealed class NamedObjectNode(ExecutionNode parent, IGraphType graphType, GraphQLField field, FieldType fieldDefinition, int? indexInParentNode)
    : ObjectExecutionNode(parent, graphType, field, fieldDefinition, indexInParentNode)
{
    /// <summary>The names of <see cref="ObjectExecutionNode.SubFields"/>, in their order; null when they were collected per request.</summary>
    public JsonEncodedText[]? Names { get; set; }
}
