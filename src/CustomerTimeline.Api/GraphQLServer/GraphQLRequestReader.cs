using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Transport;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>
/// Reads a POST body into a <see cref="GraphQLRequest"/> as GraphQL.NET's <see cref="GraphQLRequestJsonConverter"/>
/// does (the same properties, the same exceptions for the same bodies), straight from the body's buffer, and gives
/// a query text it has read before back as the same string: consoles send the same few documents all day, and the
/// agent context's ~1.5 KB of text was decoded into a new string for every request, then hashed and compared in
/// full by the document cache.
/// </summary>
internal sealed class GraphQLRequestReader
{
    // Bounded by bytes, not entries: distinct large texts only churn the table. A raw JSON text decodes to at most
    // as many chars as it has bytes, so only texts the document cache can keep are kept here.
    private const int MaxTextBytes = DocumentCache.MaxQueryLength;
    private const int MaxTotalBytes = 2 * 1024 * 1024;
    private static readonly JsonSerializerOptions InputsOptions = new() { Converters = { new InputsJsonConverter() } };

    private readonly ConcurrentDictionary<byte[], string> _texts = new(RawTextComparer.Instance);
    private long _bytes;

    /// <exception cref="JsonException">Not JSON, not a JSON object, or a property of the wrong JSON type.</exception>
    public GraphQLRequest Read(ReadOnlySpan<byte> json)
    {
        try
        {
            return ReadObject(json);
        }
        catch (InvalidOperationException e)
        {
            // A string read from a number, say: the serializer reports what its converters throw as a JsonException.
            throw new JsonException(e.Message, e);
        }
    }

    private GraphQLRequest ReadObject(ReadOnlySpan<byte> json)
    {
        // As the serializer reads a stream: a UTF-8 byte order mark may lead.
        if (json.StartsWith("\uFEFF"u8)) json = json[3..];
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException();
        var request = new GraphQLRequest();
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                // Anything but whitespace after the object throws here, as the serializer does.
                if (reader.Read()) throw new JsonException();
                return request;
            }
            if (reader.TokenType != JsonTokenType.PropertyName) throw new JsonException();
            var property = Property(ref reader);
            if (!reader.Read()) throw new JsonException();
            switch (property)
            {
                case Name.Query: request.Query = Text(ref reader); break;
                case Name.OperationName: request.OperationName = reader.GetString(); break;
                case Name.Variables: request.Variables = JsonSerializer.Deserialize<Inputs>(ref reader, InputsOptions); break;
                case Name.Extensions: request.Extensions = JsonSerializer.Deserialize<Inputs>(ref reader, InputsOptions); break;
                case Name.DocumentId: request.DocumentId = reader.GetString(); break;
                default: reader.Skip(); break;
            }
        }
        throw new JsonException();
    }

    private enum Name { Other, Query, OperationName, Variables, Extensions, DocumentId }

    private static Name Property(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("query"u8) ? Name.Query
        : reader.ValueTextEquals("operationName"u8) ? Name.OperationName
        : reader.ValueTextEquals("variables"u8) ? Name.Variables
        : reader.ValueTextEquals("extensions"u8) ? Name.Extensions
        : reader.ValueTextEquals("documentId"u8) ? Name.DocumentId
        : Name.Other;

    /// <summary>The query's string, the same instance for the same raw JSON text (escapes included).</summary>
    private string? Text(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > MaxTextBytes) return reader.GetString();
        var raw = reader.ValueSpan;
        if (_texts.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(raw, out var known)) return known;
        var text = reader.GetString()!;
        if (Interlocked.Add(ref _bytes, raw.Length) > MaxTotalBytes)
        {
            _texts.Clear();
            Interlocked.Exchange(ref _bytes, raw.Length);
        }
        _texts.TryAdd(raw.ToArray(), text);
        return text;
    }

    private sealed class RawTextComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly RawTextComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode([DisallowNull] byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
