namespace CustomerTimeline.Api.Sandbox;

/// <summary>
/// One vendor record, already serialized as the vendor would send it (kept as UTF-8 bytes to hold 20,000 events
/// in a few megabytes), with its paging key: <see cref="Time"/> (Unix seconds) then <see cref="Number"/> then <see cref="Key"/>.
/// </summary>
internal sealed record SandboxRecord(long Time, long Number, string Key, byte[] Json) : IComparable<SandboxRecord>
{
    public int CompareTo(SandboxRecord? other)
    {
        if (other is null) return 1;
        var c = Time.CompareTo(other.Time);
        if (c != 0) return c;
        c = Number.CompareTo(other.Number);
        return c != 0 ? c : string.CompareOrdinal(Key, other.Key);
    }

    /// <summary>Index of the first record strictly after the key (keyset paging over a sorted list).</summary>
    public static int After(IReadOnlyList<SandboxRecord> sorted, long time, long number, string key)
    {
        var probe = new SandboxRecord(time, number, key, []);
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid].CompareTo(probe) <= 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>Index of the first record at or after <paramref name="time"/>.</summary>
    public static int From(IReadOnlyList<SandboxRecord> sorted, long time) => After(sorted, time - 1, long.MaxValue, "\uffff");
}
