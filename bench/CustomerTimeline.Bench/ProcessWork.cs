using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace CustomerTimeline.Bench;

/// <summary>
/// The bench process's CPU, allocations and GC pauses at one moment; the difference of two says what a phase cost
/// the whole process (in the ingestion phase that includes the sandbox answering the connectors).
/// </summary>
internal readonly record struct ProcessWork(TimeSpan Cpu, long AllocatedBytes, TimeSpan GcPauses, int Gen2Collections,
    long JitMethods, TimeSpan JitTime)
{
    public static ProcessWork Now()
    {
        using var process = Process.GetCurrentProcess();
        return new(process.TotalProcessorTime, GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), GC.CollectionCount(2),
            JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());
    }

    public static ProcessWork operator -(ProcessWork after, ProcessWork before) =>
        new(after.Cpu - before.Cpu, after.AllocatedBytes - before.AllocatedBytes, after.GcPauses - before.GcPauses,
            after.Gen2Collections - before.Gen2Collections, after.JitMethods - before.JitMethods, after.JitTime - before.JitTime);

    public string Describe(TimeSpan wall, long items, string itemName) => string.Create(CultureInfo.InvariantCulture,
        $"CPU {Cpu.TotalSeconds:F1} s in {wall.TotalSeconds:F1} s, {AllocatedBytes / 1048576.0:N0} MB allocated ({AllocatedBytes / 1024.0 / Math.Max(1, items):F1} KB per {itemName}), GC pauses {GcPauses.TotalMilliseconds:N0} ms, {Gen2Collections} gen2 collections, {JitMethods:N0} methods JIT-compiled in {JitTime.TotalMilliseconds:N0} ms");
}
