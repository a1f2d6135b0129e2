using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Analysis;
using CustomerTimeline.Api.Insights;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Journey;

public static class JourneyExtensions
{
    /// <summary>The journey map, conversation analysis, experience score, signals and the background re-classifier.</summary>
    public static WebApplicationBuilder AddJourney(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<JourneyOptions>(builder.Configuration, JourneyOptions.Section);
        services.AddOptions<ExperienceOptions>().Bind(builder.Configuration.GetSection(ExperienceOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExperienceOptions>, ExperienceOptionsValidator>();
        services.AddOptions<AutomationOptions>().Bind(builder.Configuration.GetSection(AutomationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AutomationOptions>, AutomationOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITextAnalyzer, LexiconTextAnalyzer>();
        services.AddSingleton<AutomationRuleSet>();
        services.AddSingleton<InsightsDataVersion>();
        services.AddSingleton<ReclassificationSignal>();
        services.AddSingleton<JourneyMapStore>();
        services.AddSingleton<JourneyStatsCache>();
        services.AddScoped<CustomerInsights>();
        services.AddScoped<CustomerSummaryLoader>();
        services.AddScoped<OpenSignalsLoader>();
        services.AddScoped<JourneyStagesLoader>();
        services.AddScoped<NegativeEventsLoader>();
        services.AddScoped<JourneyStatsLoader>();

        services.AddHostedService<JourneyStartup>();
        services.AddSingleton<JourneyReclassifier>();
        services.AddHostedService(sp => sp.GetRequiredService<JourneyReclassifier>());
        return builder;
    }
}
