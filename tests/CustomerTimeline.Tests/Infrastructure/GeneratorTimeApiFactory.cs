using CustomerTimeline.Api.Generator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerTimeline.Tests.Infrastructure;

/// <summary>"Now" is the generator's anchor, so "recent" and "stalled" mean what the planted data intends.</summary>
public sealed class GeneratorTimeApiFactory : TimelineApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(GeneratorOptions.DefaultNow)));
    }
}
