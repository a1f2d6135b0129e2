using System.Reflection;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Hosting;

/// <summary>
/// Validates the options before the host starts, so that a bad setting stops the service with one critical line
/// naming every setting at fault and exit code 1, instead of the host's error and an unhandled exception's stack
/// trace (exit code 134). A host that runs this entry point itself (the tests' factory, the bench) still gets the
/// exception: it is how they see the start fail.
/// </summary>
public static partial class StartupValidation
{
    public const string LogCategory = "CustomerTimeline.Startup";

    /// <summary>Whether the configuration is valid; if not, the failures are logged, the app disposed and the exit code set.</summary>
    public static bool ConfigurationIsValid(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return true;
        }
        catch (Exception e) when (IsOwnProcess() && Failures(e) is { Count: > 0 } failures)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
            var text = string.Join(" ", failures);
            LogInvalid(logger, text);
            // Disposing flushes the console logger's queue before the process ends.
            ((IDisposable)app).Dispose();
            Environment.ExitCode = 1;
            return false;
        }
    }

    /// <summary>The distinct failure messages of a validation exception, or none when it is not one.</summary>
    public static IReadOnlyList<string> Failures(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        IEnumerable<Exception> errors = error is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [error];
        if (!errors.All(e => e is OptionsValidationException)) return [];
        return errors.Cast<OptionsValidationException>().SelectMany(e => e.Failures).Distinct(StringComparer.Ordinal).ToList();
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The service did not start: its configuration is invalid. {Failures}")]
    private static partial void LogInvalid(ILogger logger, string failures);

    internal static bool IsOwnProcess() => Assembly.GetEntryAssembly() == typeof(StartupValidation).Assembly;
}
