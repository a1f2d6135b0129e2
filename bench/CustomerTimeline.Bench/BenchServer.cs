using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Api.Journey;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Bench;

/// <summary>
/// The API process of the query phases (<c>--serve DIR</c>, started by <see cref="ApiProcess"/>): the real API over
/// a prepared dataset, with nothing else in the process, so its memory and its GC pauses are the API's alone. It
/// answers a few commands on stdin (one line each, answered by one <see cref="Prefix"/> line on stdout) for the
/// measurements that need the API's own services.
/// </summary>
internal static class BenchServer
{
    public const string Prefix = "bench-server: ";

    public static async Task<int> RunAsync(string dataDirectory)
    {
        using var host = new BenchHost(dataDirectory, services: s => s.AddSingleton<IStartupFilter, PlainAgentEndpoint>(), keepData: true);
        var address = host.Start();
        using var probe = new MemoryProbe();
        // The signing key lives in this process only: the token for the load client is minted here.
        var token = BenchTokens.Mint();
        Answer($"ready {address} {token}");
        while (await Console.In.ReadLineAsync() is { } line)
        {
            var command = line.Split(' ', 2);
            switch (command[0])
            {
                case "refresh":
                    await RefreshAsync(host, long.Parse(command[1], CultureInfo.InvariantCulture));
                    Answer("done");
                    break;
                case "stats":
                    Answer((await ComputeStatsAsync(host)).ToString("R", CultureInfo.InvariantCulture));
                    break;
                case "inprocess":
                    {
                        // warm-up, rounds, requests per round, customers, events per page
                        var n = command[1].Split(' ').Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray();
                        var result = await InProcessAgentLoop.RunAsync(host.Services, token, (int)n[0], (int)n[1], (int)n[2], n[3], (int)n[4]);
                        Answer(JsonSerializer.Serialize(result));
                    }
                    break;
                case "memory":
                    Answer(JsonSerializer.Serialize(MemoryFigures.OfThisProcess()));
                    break;
                case "peak":
                    Answer(JsonSerializer.Serialize(probe.TakePeak()));
                    break;
                case "quit":
                    return 0;
                default:
                    Answer("unknown command " + command[0]);
                    break;
            }
        }
        return 0;
    }

    private static void Answer(string text)
    {
        Console.Out.WriteLine(Prefix + text);
        Console.Out.Flush();
    }

    /// <summary>Another customer's insights commit: the data version moves, as under continuous ingestion.</summary>
    private static async Task RefreshAsync(BenchHost host, long customerId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CustomerInsights>().RefreshAsync(
            scope.ServiceProvider.GetRequiredService<TimelineDbContext>(), [customerId], CancellationToken.None);
    }

    /// <summary>What one full computation of the journey stats costs (requests are served from the cache while it runs behind them).</summary>
    private static async Task<double> ComputeStatsAsync(BenchHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var clock = Stopwatch.StartNew();
        await JourneyStatsCalculator.ComputeAsync(sp.GetRequiredService<TimelineDbContext>(), sp.GetRequiredService<JourneyMapStore>().Current,
            JourneyStatsFilter.None, sp.GetRequiredService<IOptions<ExperienceOptions>>().Value, CancellationToken.None);
        return clock.Elapsed.TotalMilliseconds;
    }
}

/// <summary>The API process's memory as it sees it: RSS now, the kernel's high-water mark, and the GC's figures.</summary>
internal sealed record MemoryFigures(double RssMb, double PeakRssMb, double HeapMb, double CommittedMb, double AllocatedMb, int Gen0, int Gen1, int Gen2, double SqliteMb, double SqlitePeakMb, double GcPauseMs)
{
    public static MemoryFigures OfThisProcess()
    {
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        const double Mb = 1048576.0;
        return new(process.WorkingSet64 / Mb, process.PeakWorkingSet64 / Mb, gc.HeapSizeBytes / Mb, gc.TotalCommittedBytes / Mb,
            GC.GetTotalAllocatedBytes() / Mb, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            SQLitePCL.raw.sqlite3_memory_used() / Mb, SQLitePCL.raw.sqlite3_memory_highwater(0) / Mb,
            GC.GetTotalPauseDuration().TotalMilliseconds);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"RSS {RssMb:F0} MB (peak {PeakRssMb:F0} MB), GC heap {HeapMb:F0} MB, committed {CommittedMb:F0} MB, SQLite's own heap {SqliteMb:F0} MB (peak {SqlitePeakMb:F0} MB), allocated {AllocatedMb:N0} MB, collections gen0/1/2 {Gen0}/{Gen1}/{Gen2}, GC pauses {GcPauseMs:N0} ms in all");
}
