using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerTimeline.Tests.Connectors.Dataverse;

/// <summary>The API with only Dataverse configured (at WireMock), fake time, the scheduler off.</summary>
internal sealed class DataverseApiFactory(string dataverseUrl) : TimelineApiFactory
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero));

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = DataverseSettings.For(dataverseUrl);
            settings["Sync:Enabled"] = "false";
            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            DataverseSettings.FakeToken(services);
        });
    }

    public Task<SyncRunResult> RunAsync()
    {
        _ = Server;
        return Services.GetRequiredService<SyncRunner>().RunAsync(EventSource.Dataverse, CancellationToken.None);
    }
}
