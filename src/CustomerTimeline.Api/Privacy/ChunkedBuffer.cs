using System.Buffers;
using System.Text;

namespace CustomerTimeline.Api.Privacy;

/// <summary>
/// A buffer of pooled 64 KB chunks for a document of unknown size: a large export is never copied into ever larger
/// arrays (each a large-object allocation only a full collection frees), and is decoded once into its text.
/// </summary>
internal sealed class ChunkedBuffer : IBufferWriter<byte>, IDisposable
{
    private const int ChunkSize = 64 * 1024;
    private readonly List<(byte[] Array, int Length)> _full = [];
    private byte[]? _current;
    private int _used;

    public void Advance(int count) => _used += count;

    public Memory<byte> GetMemory(int sizeHint = 0) => Ensure(sizeHint).AsMemory(_used);

    public Span<byte> GetSpan(int sizeHint = 0) => Ensure(sizeHint).AsSpan(_used);

    /// <summary>The bytes written, as UTF-8 text.</summary>
    public string ToUtf8String()
    {
        Segment? first = null, last = null;
        foreach (var (array, count) in Chunks())
        {
            var segment = new Segment(array.AsMemory(0, count), last?.RunningIndex + last?.Memory.Length ?? 0);
            if (last is null) first = segment;
            else last.SetNext(segment);
            last = segment;
        }
        return first is null ? "" : Encoding.UTF8.GetString(new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length));
    }

    public void Dispose()
    {
        foreach (var (array, _) in _full) ArrayPool<byte>.Shared.Return(array);
        _full.Clear();
        if (_current is not null) ArrayPool<byte>.Shared.Return(_current);
        _current = null;
    }

    private IEnumerable<(byte[] Array, int Length)> Chunks() =>
        _current is null ? _full : _full.Append((_current, _used));

    private byte[] Ensure(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_current is not null && _current.Length - _used >= sizeHint) return _current;
        if (_current is not null) _full.Add((_current, _used));
        _current = ArrayPool<byte>.Shared.Rent(Math.Max(ChunkSize, sizeHint));
        _used = 0;
        return _current;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public void SetNext(Segment next) => Next = next;
    }
}
