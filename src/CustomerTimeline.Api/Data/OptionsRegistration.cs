using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Data;

public static class OptionsRegistration
{
    /// <summary>Binds a configuration section, validates its data annotations, and fails start-up on bad values.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class =>
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
}
