using System.Diagnostics;
using CustomerTimeline.Bench;

namespace CustomerTimeline.Tests.Bench;

public sealed class RssPartsTests
{
    [Fact]
    public void The_parts_of_a_live_process_add_up_to_its_resident_set()
    {
        using var self = Process.GetCurrentProcess();
        var parts = RssParts.Read(self.Id);
        if (!OperatingSystem.IsLinux())
        {
            parts.ShouldBeNull();
            return;
        }
        parts.ShouldNotBeNull();
        var (anonymous, files, shared) = (parts.Value.AnonymousBytes, parts.Value.FileBytes, parts.Value.SharedBytes);
        anonymous.ShouldBeGreaterThan(0);
        files.ShouldBeGreaterThan(0);
        shared.ShouldBeGreaterThanOrEqualTo(0);
        self.Refresh();
        // Read a moment apart from the working set, which moves while the test host runs.
        var total = anonymous + files + shared;
        ((double)total).ShouldBe(self.WorkingSet64, tolerance: 64 * 1048576.0);
        parts.Value.ToString().ShouldStartWith("anonymous ");
    }

    [Fact]
    public void A_process_that_is_gone_has_no_parts() => RssParts.Read(int.MaxValue).ShouldBeNull();
}
