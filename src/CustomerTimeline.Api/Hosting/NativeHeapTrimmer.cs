using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Hosting;

/// <summary>Every <see cref="NativeHeapOptions.TrimIntervalSeconds"/>, hands the malloc arenas' free pages back (<see cref="NativeHeap.Trim"/>).</summary>
public sealed class NativeHeapTrimmer(IOptions<NativeHeapOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.TrimIntervalSeconds;
        if (seconds == 0 || !NativeHeap.Trim()) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) NativeHeap.Trim();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
