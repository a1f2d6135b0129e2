namespace CustomerTimeline.Tests.Production;

/// <summary>
/// Runs only where a Docker engine can start SQL Server (Azure Pipelines' Ubuntu agents); elsewhere the test is
/// skipped with the reason, so the SQL Server path is kept and visible rather than silently absent.
/// </summary>
public sealed class SqlServerFactAttribute : FactAttribute
{
    public SqlServerFactAttribute()
    {
        if (!DockerAvailable())
            Skip = "SQL Server tests need a Docker engine (Testcontainers.MsSql); none is available on this machine. They run in azure-pipelines.yml.";
    }

    private static bool DockerAvailable() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")) || File.Exists("/var/run/docker.sock");
}
