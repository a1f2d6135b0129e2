using System.Text;

namespace CustomerTimeline.Api.Data;

/// <summary>
/// A text column's value as an entity holds it: a string, or, where a hot read set it (<see cref="HotReadUtf8Attribute"/>),
/// its stored UTF-8, made into a string only if something reads it as text. A mutable struct: keep it in a field
/// (not readonly) and call it there.
/// </summary>
internal struct StoredText(string text)
{
    private string? _text = text;
    private byte[]? _utf8;

    /// <summary>The text, made from the stored UTF-8 the first time it is read.</summary>
    public string Text => _text ??= Encoding.UTF8.GetString(_utf8!);

    /// <summary>Only the stored UTF-8 is held: parse from <see cref="Utf8"/> rather than making the text for it.</summary>
    public readonly bool IsUtf8 => _text is null;

    public readonly ReadOnlySpan<byte> Utf8 => _utf8;

    public void Set(string text)
    {
        _text = text;
        _utf8 = null;
    }

    public void SetUtf8(byte[] utf8)
    {
        _utf8 = utf8;
        _text = null;
    }
}
