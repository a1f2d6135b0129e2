using GraphQL.DataLoader;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>
/// A scalar or enum field <see cref="TimelineExecutionStrategy"/> resolved as its object's fields were set: its
/// result is final, or it is an <see cref="IDataLoaderResult"/> (<see cref="Deferred"/>) that GraphQL.NET completes
/// as it completes a batch loader's: the resolver's pending task, its exception, or a value that did not complete
/// on the spot (a null for a non-null type, a value the scalar refuses), so errors are GraphQL.NET's own.
/// </summary>
internal sealed class ResolvedLeafNode(ExecutionNode parent, ScalarGraphType graphType, GraphQLField field, FieldType fieldDefinition)
    : ValueExecutionNode(parent, graphType, field, fieldDefinition, null)
{
    public sealed class Deferred : IDataLoaderResult
    {
        private readonly Task<object?>? _pending;
        private readonly Exception? _error;
        private readonly object? _value;

        public Deferred(Task<object?> pending) => _pending = pending;
        public Deferred(Exception error) => _error = error;
        public Deferred(object? value) => _value = value;

        public Task<object?> GetResultAsync(CancellationToken cancellationToken = default) =>
            _pending ?? (_error is not null ? Task.FromException<object?>(_error) : Task.FromResult(_value));
    }
}
