using System.ComponentModel.DataAnnotations;
using System.Runtime.InteropServices;
using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Hosting;

/// <summary>
/// Keeps glibc's malloc from holding native memory the process no longer uses. SQLite allocates its page caches and
/// statements on whichever thread-pool thread runs the request; glibc gives threads up to 8 arenas per core, and an
/// arena keeps the pages freed into it. In the bench's 1M-event run 15 arenas held ~60 MB resident for the ~20 MB
/// SQLite had in use (the serving RSS target is 250 MB). Two parts: the arena count is capped (the
/// <c>MALLOC_ARENA_MAX</c> variable does it from the start, but only whoever starts the process can set it; from here
/// ~7 arenas of the runtime's and the host builder's threads already exist, so it stops at ~8), and
/// <see cref="NativeHeapTrimmer"/> hands the arenas' free pages back every few seconds, which is most of the gain.
/// </summary>
public static class NativeHeap
{
    private const int MArenaMax = -8; // M_ARENA_MAX in glibc's malloc.h

    public static WebApplicationBuilder AddNativeHeapLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<NativeHeapOptions>(builder.Configuration, NativeHeapOptions.Section);
        var options = builder.Configuration.GetSection(NativeHeapOptions.Section).Get<NativeHeapOptions>() ?? new();
        // An invalid value is not applied; the validated options fail the start with its message.
        if (Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true))
            LimitArenas(options.MallocArenaMax);
        builder.Services.AddHostedService<NativeHeapTrimmer>();
        return builder;
    }

    /// <summary>Sets glibc's arena limit; 0 leaves it alone.</summary>
    public static ArenaLimit LimitArenas(int arenas)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(arenas);
        if (arenas == 0) return ArenaLimit.Default;
        if (!OperatingSystem.IsLinux()) return ArenaLimit.NotGlibc;
        try
        {
            return Mallopt(MArenaMax, arenas) == 1 ? ArenaLimit.Applied : ArenaLimit.Refused;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return ArenaLimit.NotGlibc; // musl and other C libraries: nothing to cap
        }
    }

    /// <summary>Hands the free pages of every arena back to the OS; false where there is no glibc.</summary>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            _ = MallocTrim(0); // 1 when pages were released, 0 when there were none
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc.so.6", EntryPoint = "malloc_trim", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);

    // DllImport, not LibraryImport: an int-only signature needs no marshalling, and LibraryImport wants unsafe code on.
    [DllImport("libc.so.6", EntryPoint = "mallopt", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Mallopt(int param, int value);
}
