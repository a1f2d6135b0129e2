using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.Privacy;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerTimeline.Api.Connectors.Sync;

public static class SyncExtensions
{
    /// <summary>The sync engine, identity resolution, the background scheduler and their validated options.</summary>
    public static WebApplicationBuilder AddSync(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<SyncOptions>(builder.Configuration, SyncOptions.Section);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IdentityNormalizer>();
        // The erasure feature registers the real list; until then nothing is suppressed.
        builder.Services.AddSingleton<IdentityResolver>();
        builder.Services.AddScoped<SourcePageWriter>();
        builder.Services.AddScoped<DeadLetterRetrier>();
        builder.Services.AddScoped<MergeHistoryByCustomerLoader>();
        builder.Services.AddSingleton<SyncRunner>();
        builder.Services.AddSingleton<SyncRefreshRegistry>();
        builder.Services.AddHostedService<SyncScheduler>();
        return builder;
    }
}
