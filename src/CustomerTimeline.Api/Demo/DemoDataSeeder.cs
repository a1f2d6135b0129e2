using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Generator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Demo;

/// <summary>
/// First run needs no external system: an empty database gets the generator's demo dataset before the
/// server listens (about a second for the default 20,000 events). The journey worker then classifies it.
/// </summary>
internal sealed partial class DemoDataSeeder(
    IServiceProvider services, IOptions<DemoOptions> options, IHostEnvironment environment, ILogger<DemoDataSeeder> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!(o.Enabled ?? environment.IsDevelopment())) return;

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        if (await db.Customers.AnyAsync(cancellationToken)) return;

        var generator = new DataGenerator(new GeneratorOptions { Seed = o.Seed, TargetEvents = o.Events });
        var progress = new Progress<LoadProgress>(p => LogProgress(logger, p.Events, o.Events));
        var result = await DatasetLoader.LoadAsync(db, generator.Generate(), progress, cancellationToken);
        LogLoaded(logger, result.Customers, result.Events, result.Elapsed.TotalSeconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Loading demo data: {Done} of {Total} events")]
    private static partial void LogProgress(ILogger logger, long done, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo dataset loaded: {Customers} customers, {Events} events in {Seconds:F1} s")]
    private static partial void LogLoaded(ILogger logger, int customers, long events, double seconds);
}
