using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;

namespace CustomerTimeline.Api.Journey;

/// <summary>Before the server listens: seeds the journey map on first start, checks the automation rules load, warms the stats.</summary>
internal sealed class JourneyStartup(IServiceProvider services, JourneyMapStore maps) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<AutomationRuleSet>();
        await using var scope = services.CreateAsyncScope();
        await maps.EnsureSeededAsync(scope.ServiceProvider.GetRequiredService<TimelineDbContext>(), cancellationToken);
        // The first dashboard after a restart should not pay for the global stats.
        services.GetRequiredService<JourneyStatsCache>().Warm(maps.Current);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
