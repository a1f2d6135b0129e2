using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Infrastructure;

/// <summary>The API in a chosen environment with extra settings, for tests of configuration-driven behaviour.</summary>
public sealed class ConfiguredApiFactory(
    string environment, IDictionary<string, string?>? settings = null, bool useTestSigningKey = true,
    Action<IServiceCollection>? services = null) : TimelineApiFactory
{
    protected override string EnvironmentName => environment;

    protected override bool UseTestSigningKey => useTestSigningKey;

    protected override IDictionary<string, string?> Settings => settings ?? new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (services is not null) builder.ConfigureServices(services);
    }
}
