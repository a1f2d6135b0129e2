using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Live;

public static class LiveExtensions
{
    /// <summary>The notifier behind subscriptions: in-process for one instance, the database backplane for several.</summary>
    public static IServiceCollection AddLiveNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<LiveOptions>(configuration, LiveOptions.Section);
        services.AddSingleton<InProcessTimelineNotifier>();
        var options = configuration.GetSection(LiveOptions.Section).Get<LiveOptions>() ?? new LiveOptions();
        if (options.Backplane == LiveBackplane.Database)
        {
            services.AddSingleton<ITimelineNotifier, DatabaseTimelineNotifier>();
            services.AddHostedService<LiveNotificationPoller>();
        }
        else
        {
            services.AddSingleton<ITimelineNotifier>(sp => sp.GetRequiredService<InProcessTimelineNotifier>());
        }
        return services;
    }
}
