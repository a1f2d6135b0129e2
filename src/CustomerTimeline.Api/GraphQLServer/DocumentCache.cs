using System.Collections.Concurrent;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>
/// Parsed documents of queries that validated, keyed by their text: consoles send the same few documents with new
/// variables all day. A hit skips parsing and the spec's document-only rules. The rules added on top of those are
/// document-only too (aliases, introspection) except the complexity limit, which reads list sizes from variables:
/// a hit whose operation already passed every rule with the same <see cref="ComplexityInputs"/> runs no rule at all
/// (no validation walk over the document), only variable coercion. GET requests keep every added rule (the GET
/// method rule reads the chosen operation).
/// </summary>
public sealed class DocumentCache : IConfigureExecution
{
    private const int MaxEntries = 512;
    private const int MaxInputsPerEntry = 64;
    internal const int MaxQueryLength = 32 * 1024;
    private static readonly HashSet<IValidationRule> CoreRules = [.. DocumentValidator.CoreRules];
    private readonly ConcurrentDictionary<string, Entry> _documents = new(StringComparer.Ordinal);

    // After the ConfigureExecutionOptions steps (100) that complete the rule list.
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(next);
        if (options.Document is not null || options.Query is not { Length: > 0 and <= MaxQueryLength } query)
            return await next(options);

        string? inputs;
        if (_documents.TryGetValue(query, out var entry))
        {
            options.Document = entry.Document;
            inputs = ComplexityInputs(entry.Document, options.OperationName, options.Variables);
            var rules = options.ValidationRules ?? DocumentValidator.CoreRules;
            options.ValidationRules = inputs is not null && entry.Passed.ContainsKey(inputs) && !rules.Any(r => r is HttpOperationValidationRule { IsGet: true })
                ? []
                : [.. rules.Where(r => !CoreRules.Contains(r))];
            var hit = await next(options);
            if (hit.Executed && inputs is not null && IsNotSubscription(hit)) entry.RecordPassed(inputs);
            return hit;
        }

        var result = await next(options);
        if (result.Executed && result.Document is { } document)
        {
            if (_documents.Count >= MaxEntries) _documents.Clear();
            entry = _documents.GetOrAdd(query, _ => new Entry(document));
            inputs = ComplexityInputs(document, options.OperationName, options.Variables);
            if (inputs is not null && IsNotSubscription(result)) entry.RecordPassed(inputs);
        }
        return result;
    }

    /// <summary>
    /// What the complexity analysis of the chosen operation can read from the request: the operation's name and,
    /// per variable, its value, except ID and String variables, of which only null or not counts (the analysis reads
    /// the `first`/`last` list sizes and whether an `id` is given, never a string's content). Null when the
    /// operation is not found (the executer reports that itself).
    /// </summary>
    internal static string? ComplexityInputs(GraphQLDocument document, string? operationName, Inputs? variables)
    {
        GraphQLOperationDefinition? operation = null;
        var operations = 0;
        foreach (var definition in document.Definitions)
        {
            if (definition is not GraphQLOperationDefinition candidate) continue;
            operations++;
            if (operationName is null ? operations == 1 : candidate.Name?.StringValue == operationName) operation = candidate;
        }
        if (operation is null || (operationName is null && operations > 1)) return null;

        var key = new System.Text.StringBuilder(operationName ?? string.Empty);
        foreach (var definition in operation.Variables?.Items ?? [])
        {
            var name = definition.Variable.Name.StringValue;
            object? value = null;
            var given = variables is not null && variables.TryGetValue(name, out value);
            key.Append('|').Append(name).Append('=');
            if (!given) key.Append('-');
            else if (NamedType(definition.Type) is "ID" or "String") key.Append(value is null ? 'n' : 's');
            else Append(key, value);
        }
        return key.ToString();
    }

    // A subscription's pass would let the same document skip HttpOperationValidationRule when it is sent over HTTP.
    private static bool IsNotSubscription(ExecutionResult result) => result.Operation?.Operation != OperationType.Subscription;

    private static string NamedType(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => NamedType(nonNull.Type),
        GraphQLListType list => "[" + NamedType(list.Type) + "]",
        GraphQLNamedType named => named.Name.StringValue,
        _ => string.Empty,
    };

    private static void Append(System.Text.StringBuilder key, object? value)
    {
        switch (value)
        {
            case null: key.Append("null"); break;
            case string s: key.Append('"').Append(s.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"'); break;
            case IDictionary<string, object?> map:
                key.Append('{');
                foreach (var (k, v) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    key.Append(k).Append(':');
                    Append(key, v);
                    key.Append(',');
                }
                key.Append('}');
                break;
            case System.Collections.IEnumerable list:
                key.Append('[');
                foreach (var item in list)
                {
                    Append(key, item);
                    key.Append(',');
                }
                key.Append(']');
                break;
            case IFormattable formattable: key.Append(formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture)); break;
            default: key.Append(value); break;
        }
    }

    private sealed class Entry(GraphQLDocument document)
    {
        public GraphQLDocument Document { get; } = document;

        public ConcurrentDictionary<string, bool> Passed { get; } = new(StringComparer.Ordinal);

        public void RecordPassed(string inputs)
        {
            if (Passed.Count >= MaxInputsPerEntry) Passed.Clear();
            Passed.TryAdd(inputs, true);
        }
    }
}
