using CustomerTimeline.Api.Connectors.Zendesk;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refit;

namespace CustomerTimeline.Api.Connectors;

public static class ConnectorsExtensions
{
    /// <summary>
    /// Binds and validates the four sources' options, registers their Refit clients (each with its one
    /// resilience pipeline and its authentication handler) and the connectors as scoped
    /// <see cref="ISourceConnector"/>s. An unconfigured source is registered too, and reports IsConfigured false.
    /// </summary>
    public static WebApplicationBuilder AddConnectors(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.TryAddSingleton(TimeProvider.System);
        var refit = new RefitSettings(new SystemTextJsonContentSerializer(ConnectorJson.Options));

        services.AddOptions<ZendeskOptions>()
            .Bind(configuration.GetSection(ZendeskOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddTransient<ZendeskAuthHandler>();
        services.AddRefitGeneratedClient<IZendeskApi>(refit)
            .ConfigureHttpClient((sp, client) =>
                Configure(client, sp.GetRequiredService<IOptions<ZendeskOptions>>().Value.EffectiveBaseUrl))
            .AddConnectorResilience("zendesk", sp => sp.GetRequiredService<IOptions<ZendeskOptions>>().Value.Resilience)
            .AddHttpMessageHandler<ZendeskAuthHandler>();
        services.AddScoped<ISourceConnector, ZendeskConnector>();

        return builder;
    }

    /// <summary>The pipeline owns timeouts, so HttpClient's own 100 s timeout must not cut across it.</summary>
    private static void Configure(HttpClient client, Uri? baseUrl)
    {
        if (baseUrl is not null) client.BaseAddress = baseUrl;
        client.Timeout = Timeout.InfiniteTimeSpan;
    }
}
