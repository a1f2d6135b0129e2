using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace CustomerTimeline.Bench;

/// <summary>
/// Between the setup and the query phases: the load and the insights pass ran in this process (an API process
/// would not carry them), leaving SQLite page caches on pooled connections and freed native memory that glibc keeps
/// mapped. Closing the pooled connections and trimming the allocator's free memory makes the serving figures about
/// serving.
/// </summary>
internal static class NativeMemory
{
    public static void ReleaseSetupMemory()
    {
        SqliteConnection.ClearAllPools();
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl, for one): nothing to trim this way.
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
