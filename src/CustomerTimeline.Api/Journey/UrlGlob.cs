namespace CustomerTimeline.Api.Journey;

/// <summary>Matches a page URL's path against "/pricing*"-style globs ('*' any run of characters), ignoring case.</summary>
internal static class UrlGlob
{
    public static string PathOf(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute)) return absolute.AbsolutePath;
        var cut = url.IndexOfAny(['?', '#']);
        return cut >= 0 ? url[..cut] : url;
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
