namespace CustomerTimeline.Tests.Infrastructure;

public static class RepositoryPaths
{
    /// <summary>The folder holding CustomerTimeline.sln, found from the test binaries upwards.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>TestResults/screenshots under the repository root: CI keeps TestResults as the run's artifacts.</summary>
    public static string Screenshots => Path.Combine(Root, "TestResults", "screenshots");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CustomerTimeline.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("CustomerTimeline.sln not found above " + AppContext.BaseDirectory);
    }
}
