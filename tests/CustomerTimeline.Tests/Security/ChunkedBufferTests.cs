using System.Text;
using System.Text.Json;
using CustomerTimeline.Api.Privacy;

namespace CustomerTimeline.Tests.Security;

/// <summary>The export's buffer gives back exactly the text written, whatever falls on its chunks' edges.</summary>
public sealed class ChunkedBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(64 * 1024 - 1)]
    [InlineData(64 * 1024)]
    [InlineData(300_000)]
    public void Text_written_through_a_json_writer_comes_back_whole(int approximateLength)
    {
        // Two-, three- and four-byte UTF-8 sequences, so some straddle the 64 KB chunk edges.
        var piece = string.Concat(Enumerable.Repeat("é€😀 plain ascii, \"quoted\" ", 37));
        var pieces = approximateLength / piece.Length + 1;
        using var buffer = new ChunkedBuffer();
        var expected = new System.Buffers.ArrayBufferWriter<byte>();
        foreach (var target in new System.Buffers.IBufferWriter<byte>[] { buffer, expected })
        {
            // Relaxed, so the non-ASCII is written as UTF-8 (as raw details are), not escaped.
            using var writer = new Utf8JsonWriter(target, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            writer.WriteStartArray();
            for (var i = 0; i < pieces; i++) writer.WriteStringValue(i % 2 == 0 ? piece : piece[..^3]);
            writer.WriteEndArray();
        }

        buffer.ToUtf8String().ShouldBe(Encoding.UTF8.GetString(expected.WrittenSpan));
    }

    [Fact]
    public void Raw_bytes_split_mid_character_at_a_chunk_edge_decode_as_one_text()
    {
        using var buffer = new ChunkedBuffer();
        var filler = new byte[64 * 1024 - 1];
        filler.AsSpan().Fill((byte)'a');
        Write(buffer, filler);
        Write(buffer, Encoding.UTF8.GetBytes("€ end")); // '€' is three bytes: one in the first chunk, two in the next
        buffer.ToUtf8String().ShouldBe(new string('a', 64 * 1024 - 1) + "€ end");
    }

    private static void Write(ChunkedBuffer buffer, byte[] bytes)
    {
        var rest = bytes.AsSpan();
        while (rest.Length > 0)
        {
            var span = buffer.GetSpan(1);
            var n = Math.Min(span.Length, rest.Length);
            rest[..n].CopyTo(span);
            buffer.Advance(n);
            rest = rest[n..];
        }
    }
}
