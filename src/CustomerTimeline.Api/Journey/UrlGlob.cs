namespace CustomerTimeline.Api.Journey;

/// <summary>Matches a page URL's path against "/pricing*"-style globs ('*' any run of characters), ignoring case.</summary>
internal static class UrlGlob
{
    public static string PathOf(string url)
    {
        if (PlainPathOf(url) is { } plain) return plain;
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute)) return absolute.AbsolutePath;
        var cut = url.IndexOfAny(['?', '#']);
        return cut >= 0 ? url[..cut] : url;
    }

    /// <summary>
    /// The path of a plain "http(s)://host/a/b?q" URL without building a Uri (every visited page of every event is
    /// matched on each insights refresh); null when the URL needs Uri's escaping or dot-segment rules.
    /// </summary>
    private static string? PlainPathOf(string url)
    {
        var scheme = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8
            : url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7 : -1;
        if (scheme < 0) return null;
        var end = url.AsSpan(scheme).IndexOfAny('?', '#');
        end = end < 0 ? url.Length : scheme + end;
        var slash = url.IndexOf('/', scheme, end - scheme);
        var host = url.AsSpan(scheme, (slash < 0 ? end : slash) - scheme);
        var colon = host.IndexOf(':');
        if (colon >= 0)
        {
            // Only a valid port keeps the fast path; anything else is Uri's to judge.
            if (!int.TryParse(host[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
                || port > 65535) return null;
            host = host[..colon];
        }
        if (host.IsEmpty) return null;
        foreach (var c in host)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-')) return null;
        }
        if (slash < 0) return "/";
        var path = url.AsSpan(slash, end - slash);
        foreach (var c in path)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '~' or '.')) return null;
        }
        return path.Contains("/.", StringComparison.Ordinal) ? null : path.ToString();
    }

    public static bool IsMatch(string path, string pattern)
    {
        int p = 0, s = 0, star = -1, mark = 0;
        while (s < path.Length)
        {
            if (p < pattern.Length && pattern[p] != '*' && char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(path[s]))
            {
                p++;
                s++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = s;
            }
            else if (star >= 0)
            {
                p = star + 1;
                s = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
