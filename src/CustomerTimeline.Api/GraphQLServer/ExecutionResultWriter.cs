using System.Collections;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>
/// Writes an executed result's data straight into the response pipe, as GraphQL.SystemTextJson's converter writes it
/// (same names, same order, every value through the same Utf8JsonWriter call), without the converter's
/// JsonSerializer call per leaf value, whose runtime-type dispatch was most of an answer's write time. A result with
/// errors or extensions, and any value of a type not listed here, goes through the configured serializer, so the
/// bytes are those the serializer writes; a test compares both.
/// </summary>
internal static class ExecutionResultWriter
{
    /// <summary>The encoder of every GraphQL answer (the serializer is configured with it too).</summary>
    public static JavaScriptEncoder Encoder { get; } = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static bool CanWrite(ExecutionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Executed && result.Errors is not { Count: > 0 } && result.Extensions is not { Count: > 0 } && result.Data is ExecutionNode;
    }

    public static async Task WriteAsync(PipeWriter pipe, ExecutionResult result, IGraphQLTextSerializer serializer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(serializer);
        if (!CanWrite(result)) throw new ArgumentException("Only executed results without errors or extensions.", nameof(result));
        using (var json = new Utf8JsonWriter(pipe, new JsonWriterOptions { Encoder = Encoder }))
        {
            json.WriteStartObject();
            json.WritePropertyName("data"u8);
            WriteNode(json, (ExecutionNode)result.Data!, serializer);
            json.WriteEndObject();
        }
        await pipe.FlushAsync(cancellationToken);
    }

    private static void WriteNode(Utf8JsonWriter json, ExecutionNode? node, IGraphQLTextSerializer serializer)
    {
        switch (node)
        {
            case ValueExecutionNode value:
                WriteValue(json, value.ToValue(), serializer);
                break;
            case ObjectExecutionNode obj when obj.SubFields is { } fields:
                // A kept selection set's names come encoded with the node; others are looked up.
                var names = obj is NamedObjectNode { Names: { } kept } && kept.Length == fields.Length ? kept : null;
                json.WriteStartObject();
                for (var i = 0; i < fields.Length; i++)
                {
                    json.WritePropertyName(names is null ? EncodedName(fields[i].Name!) : names[i]);
                    WriteNode(json, fields[i], serializer);
                }
                json.WriteEndObject();
                break;
            case ObjectExecutionNode:
                json.WriteNullValue();
                break;
            case ArrayExecutionNode array when array.Items is { } items:
                json.WriteStartArray();
                foreach (var item in items) WriteNode(json, item, serializer);
                json.WriteEndArray();
                break;
            case ArrayExecutionNode array:
                WriteValue(json, array.SerializedResult, serializer);
                break;
            case null or NullExecutionNode:
                json.WriteNullValue();
                break;
            default:
                WriteValue(json, node.ToValue(), serializer);
                break;
        }
    }

    // Response names, encoded once: transcoding and escape-checking each name of each object was a fifth of a write.
    // Bounded, as clients choose aliases.
    private static readonly ConcurrentDictionary<string, JsonEncodedText> Names = new(StringComparer.Ordinal);
    private const int MaxNames = 4096;

    internal static JsonEncodedText EncodedName(string name)
    {
        if (Names.TryGetValue(name, out var encoded)) return encoded;
        if (Names.Count >= MaxNames) Names.Clear();
        return Names.GetOrAdd(name, n => JsonEncodedText.Encode(n, Encoder));
    }

    /// <summary>Strings longer than this are written in segments of this size.</summary>
    private const int LongString = 16 * 1024;

    /// <summary>
    /// In segments: for one call the writer asks its buffer for the escaped value's worst case, 18 bytes per char,
    /// so an export's 20-million-char document made the response pipe allocate ~400 MB for a 25 MB answer.
    /// </summary>
    internal static void WriteLongString(Utf8JsonWriter json, string value)
    {
        var rest = value.AsSpan();
        while (rest.Length > LongString)
        {
            // Never split a surrogate pair between segments.
            var take = char.IsHighSurrogate(rest[LongString - 1]) ? LongString - 1 : LongString;
            json.WriteStringValueSegment(rest[..take], isFinalSegment: false);
            rest = rest[take..];
        }
        json.WriteStringValueSegment(rest, isFinalSegment: true);
    }

    private static void WriteValue(Utf8JsonWriter json, object? value, IGraphQLTextSerializer serializer)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s when s.Length <= LongString: json.WriteStringValue(s); break;
            case string s: WriteLongString(json, s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            case decimal m: json.WriteNumberValue(m); break;
            case DateTimeOffset at: json.WriteStringValue(at); break;
            case DateTime at: json.WriteStringValue(at); break;
            case Guid g: json.WriteStringValue(g); break;
            // Lists of completed values (object[]) and a list scalar's value as its resolver made it (a List<string>
            // of repeated problems): item by item, not one serializer call with its runtime-type lookup. Bytes are a
            // base64 string to the serializer. Indexed, so an array is walked without a boxed enumerator.
            case IList list when value is not byte[]:
                json.WriteStartArray();
                for (var i = 0; i < list.Count; i++) WriteValue(json, list[i], serializer);
                json.WriteEndArray();
                break;
            default:
                json.WriteRawValue(serializer.Serialize(value), skipInputValidation: true);
                break;
        }
    }
}
