using System.Collections.Concurrent;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>
/// Parsed documents of queries that validated, keyed by their text: consoles send the same few documents with new
/// variables all day. A hit skips parsing and the spec's document-only rules; every rule added on top of those
/// (complexity, which reads variables; aliases; introspection; the GET method rule) still runs on every request.
/// </summary>
public sealed class DocumentCache : IConfigureExecution
{
    private const int MaxEntries = 512;
    private const int MaxQueryLength = 32 * 1024;
    private static readonly HashSet<IValidationRule> CoreRules = [.. DocumentValidator.CoreRules];
    private readonly ConcurrentDictionary<string, GraphQLDocument> _documents = new(StringComparer.Ordinal);

    // After the ConfigureExecutionOptions steps (100) that complete the rule list.
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(next);
        if (options.Document is not null || options.Query is not { Length: > 0 and <= MaxQueryLength } query)
            return await next(options);

        if (_documents.TryGetValue(query, out var cached))
        {
            options.Document = cached;
            options.ValidationRules = [.. (options.ValidationRules ?? DocumentValidator.CoreRules).Where(r => !CoreRules.Contains(r))];
            return await next(options);
        }

        var result = await next(options);
        if (result.Executed && result.Document is { } document)
        {
            if (_documents.Count >= MaxEntries) _documents.Clear();
            _documents.TryAdd(query, document);
        }
        return result;
    }
}
