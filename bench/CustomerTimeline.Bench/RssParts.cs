using System.Globalization;

namespace CustomerTimeline.Bench;

/// <summary>
/// What a process's resident set is made of, from /proc/PID/status (Linux): anonymous memory (GC heap, native
/// heaps, stacks), mapped files (assemblies, native libraries) and shared memory (the runtime's double mapping of
/// its JIT code). A peak's parts tell a heap's spike from code being compiled.
/// </summary>
public readonly record struct RssParts(long AnonymousBytes, long FileBytes, long SharedBytes)
{
    public static RssParts? Read(int processId)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            long anonymous = -1, file = -1, shared = -1;
            foreach (var line in File.ReadLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("RssAnon:", StringComparison.Ordinal)) anonymous = Kb(line);
                else if (line.StartsWith("RssFile:", StringComparison.Ordinal)) file = Kb(line);
                else if (line.StartsWith("RssShmem:", StringComparison.Ordinal)) shared = Kb(line);
            }
            return anonymous < 0 || file < 0 || shared < 0 ? null : new RssParts(anonymous, file, shared);
        }
        catch (IOException)
        {
            return null; // the process has exited
        }
    }

    private static long Kb(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"anonymous {AnonymousBytes / 1048576.0:F0}, files {FileBytes / 1048576.0:F0}, shared {SharedBytes / 1048576.0:F0} MB");
}
