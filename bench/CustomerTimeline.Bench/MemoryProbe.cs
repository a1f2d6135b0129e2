using System.Globalization;
using System.Runtime.InteropServices;

namespace CustomerTimeline.Bench;

/// <summary>
/// Inside the API process (<c>--serve</c>): samples its resident set every 50 ms and, at each new peak, what its
/// heaps held at that moment: the GC's committed memory and heap (as of its last collection, a few ms old under
/// load), what glibc's malloc holds and has in use (SQLite, the runtime's native allocations), and SQLite's own heap.
/// A spike of the resident set then shows which heap it was.
/// </summary>
internal sealed class MemoryProbe : IDisposable
{
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private HeapsAtPeak? _peak;

    public MemoryProbe() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));

    /// <summary>The heaps at the highest resident set since the last call, starting over.</summary>
    public HeapsAtPeak? TakePeak()
    {
        Sample();
        lock (_gate)
        {
            var peak = _peak;
            _peak = null;
            return peak;
        }
    }

    private void Sample()
    {
        var rss = ResidentBytes();
        if (rss <= 0) return;
        lock (_gate)
        {
            if (_peak is { } seen && rss <= seen.RssMb * Mb) return;
            var gc = GC.GetGCMemoryInfo();
            var (held, inUse) = Malloc();
            _peak = new HeapsAtPeak(rss / Mb, gc.TotalCommittedBytes / Mb, gc.HeapSizeBytes / Mb, held / Mb, inUse / Mb,
                SQLitePCL.raw.sqlite3_memory_used() / Mb);
        }
    }

    private const double Mb = 1048576.0;

    private static long ResidentBytes() =>
        RssParts.Read(Environment.ProcessId) is { } parts ? parts.AnonymousBytes + parts.FileBytes + parts.SharedBytes : 0;

    /// <summary>What glibc's malloc holds from the OS (all arenas and mmapped chunks) and what of it is in use.</summary>
    private static (long Held, long InUse) Malloc()
    {
        if (!OperatingSystem.IsLinux()) return (0, 0);
        try
        {
            var info = MallInfo2();
            return ((long)(info.Arena + info.Hblkhd), (long)(info.Uordblks + info.Hblkhd));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return (0, 0); // not glibc, or one older than 2.33
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2Result
    {
        public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
    }

    [DllImport("libc.so.6", EntryPoint = "mallinfo2", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern MallInfo2Result MallInfo2();

    public void Dispose() => _timer.Dispose();
}

/// <summary>The API process's heaps at its highest sampled resident set.</summary>
internal sealed record HeapsAtPeak(double RssMb, double GcCommittedMb, double GcHeapMb, double MallocHeldMb, double MallocInUseMb, double SqliteMb)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"RSS {RssMb:F0} MB, of which the GC had {GcCommittedMb:F0} MB committed (heap {GcHeapMb:F0} MB at its last collection), glibc's malloc held {MallocHeldMb:F0} MB ({MallocInUseMb:F0} MB in use, SQLite's own heap {SqliteMb:F0} MB of it)");
}
