using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Connectors.Dataverse;
using CustomerTimeline.Api.Connectors.Matomo;
using CustomerTimeline.Api.Connectors.Typeform;
using CustomerTimeline.Api.Connectors.Zendesk;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Abstractions;
using Microsoft.Identity.Web;
using Microsoft.Identity.Web.TokenCacheProviders.InMemory;
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
        services.AddConnectorTelemetry();

        services.AddValidatedOptions<DataverseOptions>(configuration, DataverseOptions.Section);
        // Client-credential tokens through Microsoft.Identity.Web, configured under a name of our own so it
        // does not collide with how the API authenticates its callers. Tests replace IDataverseTokenProvider.
        services.AddTokenAcquisition(isTokenAcquisitionSingleton: true);
        services.AddInMemoryTokenCaches();
        services.AddOptions<MicrosoftIdentityApplicationOptions>(EntraDataverseTokenProvider.OptionsName)
            .Configure<IOptions<DataverseOptions>>((identity, dataverse) =>
            {
                var o = dataverse.Value;
                identity.Instance = o.Instance.ToString();
                identity.TenantId = o.TenantId;
                identity.ClientId = o.ClientId;
                identity.ClientCredentials = [new CredentialDescription { SourceType = CredentialSource.ClientSecret, ClientSecret = o.ClientSecret }];
            });
        services.TryAddSingleton<IDataverseTokenProvider, EntraDataverseTokenProvider>();
        services.AddTransient<DataverseAuthHandler>();
        services.AddRefitGeneratedClient<IDataverseApi>(refit, "dataverse")
            .ConfigureHttpClient((sp, client) =>
                Configure(client, sp.GetRequiredService<IOptions<DataverseOptions>>().Value.BaseUrl))
            .AddConnectorResilience(sp => sp.GetRequiredService<IOptions<DataverseOptions>>().Value.Resilience)
            .AddHttpMessageHandler<DataverseAuthHandler>();
        services.AddScoped<ISourceConnector, DataverseConnector>();
        services.TryAddSingleton<IStoredRecordIds, Sync.StoredRecordIds>();

        services.AddValidatedOptions<ZendeskOptions>(configuration, ZendeskOptions.Section);
        services.AddTransient<ZendeskAuthHandler>();
        services.AddRefitGeneratedClient<IZendeskApi>(refit, "zendesk")
            .ConfigureHttpClient((sp, client) =>
                Configure(client, sp.GetRequiredService<IOptions<ZendeskOptions>>().Value.EffectiveBaseUrl))
            .AddConnectorResilience(sp => sp.GetRequiredService<IOptions<ZendeskOptions>>().Value.Resilience)
            .AddHttpMessageHandler<ZendeskAuthHandler>();
        services.AddScoped<ISourceConnector, ZendeskConnector>();

        services.AddValidatedOptions<MatomoOptions>(configuration, MatomoOptions.Section);
        services.AddRefitGeneratedClient<IMatomoApi>(refit, "matomo")
            .ConfigureHttpClient((sp, client) =>
                Configure(client, sp.GetRequiredService<IOptions<MatomoOptions>>().Value.BaseUrl))
            // Matomo reads are POSTs only to keep token_auth out of URLs; Live.getLastVisitsDetails changes
            // nothing, so retrying it is as safe as retrying a GET.
            .AddConnectorResilience(sp => sp.GetRequiredService<IOptions<MatomoOptions>>().Value.Resilience,
                retryUnsafeMethods: true);
        services.AddScoped<ISourceConnector, MatomoConnector>();

        services.AddValidatedOptions<TypeformOptions>(configuration, TypeformOptions.Section);
        services.AddTransient<TypeformAuthHandler>();
        services.AddRefitGeneratedClient<ITypeformApi>(refit, "typeform")
            .ConfigureHttpClient((sp, client) =>
                Configure(client, sp.GetRequiredService<IOptions<TypeformOptions>>().Value.BaseUrl))
            .AddConnectorResilience(sp => sp.GetRequiredService<IOptions<TypeformOptions>>().Value.Resilience)
            .AddHttpMessageHandler<TypeformAuthHandler>();
        services.AddScoped<ISourceConnector, TypeformConnector>();

        return builder;
    }

    /// <summary>The pipeline owns timeouts, so HttpClient's own 100 s timeout must not cut across it.</summary>
    private static void Configure(HttpClient client, Uri? baseUrl)
    {
        if (baseUrl is not null) client.BaseAddress = baseUrl;
        client.Timeout = Timeout.InfiniteTimeSpan;
    }
}
