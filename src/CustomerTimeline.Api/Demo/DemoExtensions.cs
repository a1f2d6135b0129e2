using CustomerTimeline.Api.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;
namespace CustomerTimeline.Api.Demo;

public static class DemoExtensions
{
    /// <summary>Registered after the database initializer, so it seeds a migrated database.</summary>
    public static WebApplicationBuilder AddDemoData(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<DemoOptions>(builder.Configuration, DemoOptions.Section);
        builder.Services.TryAddSingleton<DemoClock>();
        builder.Services.AddHostedService<DemoDataSeeder>();
        return builder;
    }
}
