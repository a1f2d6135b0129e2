namespace CustomerTimeline.Bench;

public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        // The query phases' API process (see ApiProcess): not a bench run.
        if (args is ["--serve", var dataDirectory]) return await BenchServer.RunAsync(dataDirectory);
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        if (options.OutputFile is null && !options.Smoke)
            options = options with { OutputFile = Path.Combine(RepositoryRoot() ?? ".", "bench", "results", "latest.md") };
        var report = await BenchRunner.RunAsync(options, Console.Out);
        Console.WriteLine();
        Console.WriteLine(report.ToMarkdown());
        return 0;
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CustomerTimeline.sln"))) return dir.FullName;
        }
        return null;
    }
}
