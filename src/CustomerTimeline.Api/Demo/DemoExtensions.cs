namespace CustomerTimeline.Api.Demo;

public static class DemoExtensions
{
    /// <summary>Registered after the database initializer, so it seeds a migrated database.</summary>
    public static WebApplicationBuilder AddDemoData(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DemoOptions>()
            .Bind(builder.Configuration.GetSection(DemoOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<DemoDataSeeder>();
        return builder;
    }
}
