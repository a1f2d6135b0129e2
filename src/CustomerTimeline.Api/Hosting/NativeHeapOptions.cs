using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.Hosting;

/// <summary>How the process's native (non-GC) memory is allocated (<see cref="NativeHeap"/>).</summary>
public sealed class NativeHeapOptions
{
    public const string Section = "NativeHeap";

    /// <summary>
    /// Most glibc malloc arenas the process creates from here on; 0 leaves glibc's default (8 per core). Linux with
    /// glibc only; elsewhere ignored.
    /// </summary>
    [Range(0, 64, ErrorMessage = "NativeHeap:MallocArenaMax must be between 0 (glibc's default) and 64.")]
    public int MallocArenaMax { get; set; } = 2;

    /// <summary>
    /// Seconds between two hand-backs of the arenas' free pages to the OS (<c>malloc_trim</c>, a few milliseconds);
    /// 0 never. Without it an arena keeps every page it ever held: what a burst of reads or one large refresh freed
    /// stays resident.
    /// </summary>
    [Range(0, 3600, ErrorMessage = "NativeHeap:TrimIntervalSeconds must be between 0 (never) and 3600.")]
    public int TrimIntervalSeconds { get; set; } = 10;
}
