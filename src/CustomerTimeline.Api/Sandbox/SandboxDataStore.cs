using System.Diagnostics;
using CustomerTimeline.Api.Demo;
using CustomerTimeline.Api.Generator;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Sandbox;

/// <summary>Builds the vendors' records from Demo:Seed, Demo:Events and the <see cref="DemoClock"/> once, on the first sandbox request, and keeps them.</summary>
internal sealed partial class SandboxDataStore
{
    private readonly Lazy<SandboxDataset> _dataset;

    public SandboxDataStore(IOptions<DemoOptions> demo, DemoClock clock, ILogger<SandboxDataStore> logger)
    {
        _dataset = new Lazy<SandboxDataset>(() =>
        {
            var o = demo.Value;
            var watch = Stopwatch.StartNew();
            var dataset = SandboxDatasetBuilder.Build(new GeneratorOptions { Seed = o.Seed, TargetEvents = o.Events, Now = clock.Now });
            LogBuilt(logger, dataset.Contacts.Count, o.Events, o.Seed, watch.Elapsed.TotalSeconds);
            return dataset;
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public SandboxDataset Dataset => _dataset.Value;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Sandbox vendors hold {Contacts} contacts from the generator ({Events} events, seed {Seed}), built in {Seconds:F1} s")]
    private static partial void LogBuilt(ILogger logger, int contacts, int events, int seed, double seconds);
}
