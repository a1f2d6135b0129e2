using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CustomerTimeline.Api.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// OpenTelemetry traces (incoming HTTP/GraphQL, SQL, outgoing connector calls) and metrics (requests, GraphQL
    /// errors, sync, Polly resilience events). OTLP export is configured by the standard OTEL_* variables and is
    /// on only when OTEL_EXPORTER_OTLP_ENDPOINT is set; spans are recorded only when exported (Telemetry:Tracing).
    /// </summary>
    public static WebApplicationBuilder AddTimelineTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddOptions<TelemetryOptions>().Bind(builder.Configuration.GetSection(TelemetryOptions.Section));
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(
                serviceName: builder.Configuration["OTEL_SERVICE_NAME"] ?? "customer-timeline",
                serviceVersion: typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString()));
        if (options.Tracing ?? (otlp || options.ConsoleExporter))
        {
            // Only then: with no interceptor EF skips building the event data of every command.
            builder.Services.AddSingleton<IInterceptor, DbCommandTracingInterceptor>();
            otel.WithTracing(t =>
            {
                t.AddSource(TimelineTelemetry.Name)
                    .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation()
                    .AddSqlClientInstrumentation();
                if (options.ConsoleExporter) t.AddConsoleExporter();
            });
        }
        otel.WithMetrics(m =>
        {
            m.AddMeter(TimelineTelemetry.Name, "Polly")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation();
            if (options.ConsoleExporter) m.AddConsoleExporter();
        });
        if (otlp) otel.UseOtlpExporter();
        return builder;
    }

    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) =>
        app.UseMiddleware<CorrelationIdMiddleware>();
}
