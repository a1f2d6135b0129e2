using CustomerTimeline.Api.Data;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Connectors.Sync;

/// <summary>
/// Runs every configured source in the background: one loop per source, each run followed by a wait of
/// Sync:Interval (longer when the source asked us to back off). Runs of one source never overlap: the loop is
/// sequential, and the lease keeps out manual runs and other instances.
/// </summary>
public sealed partial class SyncScheduler(
    SyncRunner runner,
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<SyncOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<SyncScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            LogDisabled(logger);
            return;
        }
        // Hosted services start before Kestrel listens; a source served by this very app (the sandbox) is only
        // reachable once the server has started.
        if (!await StartedAsync(stoppingToken)) return;

        List<EventSource> sources;
        await using (var scope = scopes.CreateAsyncScope())
        {
            sources = [.. scope.ServiceProvider.GetServices<ISourceConnector>()
                .Where(c => c.IsConfigured).Select(c => c.Source).Distinct()];
        }
        LogScheduled(logger, sources.Count, options.Value.Interval.TotalSeconds);
        await Task.WhenAll(sources.Select(s => LoopAsync(s, stoppingToken)));
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task LoopAsync(EventSource source, CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            var result = await runner.RunAsync(source, stoppingToken);
            var wait = result.RetryAfter is { } retryAfter && retryAfter > interval ? retryAfter : interval;
            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync scheduler off (Sync:Enabled is false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync scheduler: {Count} configured source(s), every {IntervalSeconds} s")]
    private static partial void LogScheduled(ILogger logger, int count, double intervalSeconds);
}
