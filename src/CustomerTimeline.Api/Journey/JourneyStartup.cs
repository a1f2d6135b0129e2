using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;

namespace CustomerTimeline.Api.Journey;

/// <summary>Before the server listens: seeds the journey map on first start and checks the automation rules load.</summary>
internal sealed class JourneyStartup(IServiceProvider services, JourneyMapStore maps) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<AutomationRuleSet>();
        await using var scope = services.CreateAsyncScope();
        await maps.EnsureSeededAsync(scope.ServiceProvider.GetRequiredService<TimelineDbContext>(), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
