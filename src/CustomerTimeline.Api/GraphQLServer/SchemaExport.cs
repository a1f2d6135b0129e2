using GraphQL;
using GraphQL.Utilities;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>`dotnet run -- --print-schema PATH` writes the SDL that schema/customer-timeline.graphql must match.</summary>
public static class SchemaExport
{
    public const string Switch = "--print-schema";

    public static string PrintSdl(IServiceProvider services)
    {
        var schema = services.GetRequiredService<TimelineSchema>();
        schema.Initialize();
        var sdl = schema.Print(new PrintOptions { IncludeDescriptions = true, StringComparison = StringComparison.Ordinal });
        return sdl.ReplaceLineEndings("\n").TrimEnd() + "\n";
    }

    /// <summary>Handles the switch if present; returns true when the process should exit instead of serving.</summary>
    public static bool TryRun(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        var at = Array.IndexOf(args, Switch);
        if (at < 0) return false;
        var path = at + 1 < args.Length ? args[at + 1] : "schema/customer-timeline.graphql";
        if (!Path.IsPathRooted(path)) path = Path.Combine(RepositoryRoot(app.Environment.ContentRootPath), path);
        File.WriteAllText(path, PrintSdl(app.Services));
        Console.WriteLine($"Wrote {Path.GetFullPath(path)}");
        return true;
    }

    // `dotnet run` starts in the project folder; relative paths are meant from the repository root.
    private static string RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CustomerTimeline.sln"))) return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
