using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CustomerTimeline.Api.Connectors;

/// <summary>
/// The readable text of an HTML body (Dataverse keeps emails, and rich-text notes, as HTML): what the timeline
/// shows and the text analysis reads, not markup, style sheets or entities. Plain text passes through unchanged.
/// </summary>
public static partial class HtmlText
{
    /// <summary>The text of <paramref name="value"/> when it is HTML; otherwise the value itself.</summary>
    public static string? ToPlain(string? value)
    {
        if (string.IsNullOrEmpty(value) || !Tag().IsMatch(value)) return value;
        var text = Invisible().Replace(value, " ");
        text = LineBreak().Replace(text, "\n");
        text = Tag().Replace(text, "");
        text = WebUtility.HtmlDecode(text).Replace('\u00A0', ' ');
        var lines = new StringBuilder();
        var blank = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = string.Join(' ', raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (line.Length == 0)
            {
                blank = lines.Length > 0;
                continue;
            }
            if (lines.Length > 0) lines.Append(blank ? "\n\n" : "\n");
            lines.Append(line);
            blank = false;
        }
        return lines.ToString();
    }

    /// <summary>An opening, closing or self-closing tag, a comment or a doctype: "a &lt; b" is not one.</summary>
    [GeneratedRegex(@"<(?:/?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?|!--.*?--|![A-Za-z][^<>]*)>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    /// <summary>Elements whose content is not text a reader sees.</summary>
    [GeneratedRegex(@"<(head|style|script|title)\b[^>]*>.*?</\1\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Invisible();

    /// <summary>Tags that end a line or a block.</summary>
    [GeneratedRegex(@"<(?:br|/p|/div|/li|/tr|/h[1-6]|/blockquote|/table|hr)\b[^>]*>|<(?:p|div|li|tr|h[1-6]|blockquote|table)\b[^>]*>",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LineBreak();
}
