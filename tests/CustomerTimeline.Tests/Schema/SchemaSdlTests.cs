using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Tests.Infrastructure;

namespace CustomerTimeline.Tests.Schema;

/// <summary>The committed SDL is the contract dashboards build on: any change to the schema must be committed with it.</summary>
public sealed class SchemaSdlTests
{
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CustomerTimeline.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    [Fact]
    public void Running_schema_matches_the_committed_sdl()
    {
        using var factory = new TimelineApiFactory();
        var running = SchemaExport.PrintSdl(factory.Services);
        var committed = File.ReadAllText(Path.Combine(RepoRoot(), "schema", "customer-timeline.graphql")).ReplaceLineEndings("\n");
        Assert.True(committed == running,
            "schema/customer-timeline.graphql differs from the running schema. Rewrite it with: " +
            "dotnet run --project src/CustomerTimeline.Api -- --print-schema schema/customer-timeline.graphql");
    }
}
