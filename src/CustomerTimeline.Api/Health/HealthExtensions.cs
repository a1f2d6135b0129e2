using CustomerTimeline.Api.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace CustomerTimeline.Api.Health;

public static class HealthExtensions
{
    private const string Ready = "ready";

    public const string LivePath = "/health/live";

    public static WebApplicationBuilder AddTimelineHealth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<HealthOptions>(builder.Configuration, HealthOptions.Section);
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<TimelineDbContext>("database", tags: [Ready])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [Ready])
            .AddCheck<SourceFreshnessHealthCheck>("sources", tags: [Ready]);
        return builder;
    }

    /// <summary>/health/live: the process answers. /health/ready: it can serve agents (database, schema, fresh sources).</summary>
    public static IEndpointRouteBuilder MapTimelineHealth(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(LivePath, new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        return app;
    }
}
