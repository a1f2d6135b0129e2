using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Generator;
using Microsoft.EntityFrameworkCore;
using CustomerTimeline.Api.Sandbox;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Demo;

/// <summary>
/// Demo:Mode Direct: an empty database gets the generator's demo dataset before the server listens (about a
/// second for the default 20,000 events). In Sandbox mode (the Development default) this seeder stands aside:
/// the same dataset arrives through the four connectors from the built-in vendor sandbox.
/// </summary>
internal sealed partial class DemoDataSeeder(
    IServiceProvider services, IOptions<DemoOptions> options, SandboxActivation activation, DemoClock clock, ILogger<DemoDataSeeder> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!activation.DemoEnabled) return;
        if (activation.DemoMode == DemoMode.Sandbox)
        {
            LogThroughSandbox(logger);
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        if (await db.Customers.AnyAsync(cancellationToken)) return;

        var generator = new DataGenerator(new GeneratorOptions { Seed = o.Seed, TargetEvents = o.Events, Now = clock.Now });
        var progress = new Progress<LoadProgress>(p => LogProgress(logger, p.Events, o.Events));
        var result = await DatasetLoader.LoadAsync(db, generator.Generate(), progress, cancellationToken);
        LogLoaded(logger, result.Customers, result.Events, result.Elapsed.TotalSeconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data comes through the connectors from the sandbox (Demo:Mode Sandbox)")]
    private static partial void LogThroughSandbox(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loading demo data: {Done} of {Total} events")]
    private static partial void LogProgress(ILogger logger, long done, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo dataset loaded: {Customers} customers, {Events} events in {Seconds:F1} s")]
    private static partial void LogLoaded(ILogger logger, int customers, long events, double seconds);
}
