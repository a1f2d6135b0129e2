namespace CustomerTimeline.Api.Hosting;

/// <summary>
/// Runs the API until it stops. When its host fails (a database that cannot be opened, a port in use), the host has
/// already logged why; the API's own process then ends with exit code 1 instead of a second, unhandled copy of the
/// exception and an abort (exit code 134). A host that runs the entry point (the tests' factory, the bench) still
/// gets the exception.
/// </summary>
public static class ServiceRun
{
    public static void RunService(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            app.Run();
        }
        catch (Exception) when (StartupValidation.IsOwnProcess())
        {
            Environment.ExitCode = 1;
        }
    }
}
