using Microsoft.IdentityModel.Logging;
using Microsoft.IdentityModel.LoggingExtensions;

namespace CustomerTimeline.Api.Security;

public static class LoggingExtensions
{
    /// <summary>
    /// Keeps personal data and secrets out of logs. Our own log messages carry ids and counts only; these
    /// settings cover the framework's:
    /// - the hosting "Request starting/finished" lines echo the URL, and a GraphQL GET carries the whole query
    ///   (emails, phones) in it, so that category logs warnings only;
    /// - IdentityModel never prints tokens or their claims (its PII switch stays off), and a token it refuses is no
    ///   error of ours (<see cref="IdentityModelLogger"/>);
    /// - EF Core's sensitive-data logging is never enabled (parameter values stay '?').
    /// </summary>
    public static WebApplicationBuilder AddTimelineLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Services.AddSingleton<ILogger<IdentityLoggerAdapter>, IdentityModelLogger>();
        IdentityModelEventSource.ShowPII = false;
        IdentityModelEventSource.LogCompleteSecurityArtifact = false;
        return builder;
    }
}
