using System.Runtime.InteropServices;
using CustomerTimeline.Api.Hosting;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace CustomerTimeline.Tests.Hosting;

/// <summary>Alone: the trim test reads the process's resident memory, which other tests' allocations would move.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NativeHeapTestGroup
{
    public const string Name = "Native heap";
}

[Collection(NativeHeapTestGroup.Name)]
public sealed class NativeHeapTests
{
    [Fact]
    public void The_arena_limit_is_applied_on_glibc_and_left_alone_at_zero()
    {
        NativeHeap.LimitArenas(0).ShouldBe(ArenaLimit.Default);
        NativeHeap.LimitArenas(2).ShouldBe(OperatingSystem.IsLinux() ? ArenaLimit.Applied : ArenaLimit.NotGlibc);
        Should.Throw<ArgumentOutOfRangeException>(() => NativeHeap.LimitArenas(-1));
    }

    [Fact]
    public void A_trim_hands_freed_native_pages_back_to_the_os()
    {
        if (!OperatingSystem.IsLinux()) return;
        // 80 MB of small blocks (below malloc's mmap threshold, so they live in the arena), touched, then all freed
        // but every 16th: the live ones keep glibc from shrinking the arena on its own, as SQLite's live pages do.
        const int blocks = 20_000, size = 4096;
        var pointers = new nint[blocks];
        for (var i = 0; i < blocks; i++)
        {
            pointers[i] = Marshal.AllocHGlobal(size); // malloc on Unix
            Marshal.Copy(new byte[size], 0, pointers[i], size); // resident, not only reserved
        }
        for (var i = 0; i < blocks; i++)
            if (i % 16 != 0) Marshal.FreeHGlobal(pointers[i]);
        var before = ResidentBytes();

        NativeHeap.Trim().ShouldBeTrue();

        var released = before - ResidentBytes();
        for (var i = 0; i < blocks; i += 16) Marshal.FreeHGlobal(pointers[i]);
        // ~75 MB was freed; most of it is whole pages inside free chunks.
        released.ShouldBeGreaterThan(30L << 20);
    }

    [Fact]
    public void A_bad_limit_stops_the_startup()
    {
        var error = StartupFailure.Of<OptionsValidationException>(() => new TimelineApiFactory().WithWebHostBuilder(b => b.UseSetting("NativeHeap:MallocArenaMax", "65")));
        error.Message.ShouldContain("NativeHeap:MallocArenaMax");
    }

    // Resident anonymous memory: /proc/self/statm counts pages (resident minus file-backed shared).
    private static long ResidentBytes()
    {
        var fields = File.ReadAllText("/proc/self/statm").Split(' ');
        return (long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture)
            - long.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture)) * Environment.SystemPageSize;
    }
}
