using System.Globalization;

namespace CustomerTimeline.Bench;

/// <summary>Command line: --events N --customers N --duration S [--ingest-events N] [--heavy-events N] [--concurrency N] [--seed N] [--out FILE] [--data DIR] [--skip-ingestion] [--skip-queries] [--vendor-latency-ms N] [--smoke].</summary>
public sealed record BenchOptions
{
    public int Events { get; init; } = 1_000_000;

    public int Customers { get; init; } = 100_000;

    /// <summary>Seconds each measured phase runs (after a short unrecorded warm-up).</summary>
    public double DurationSeconds { get; init; } = 10;

    /// <summary>Events the sandbox serves for the ingestion phase (and that the raw baseline inserts).</summary>
    public int IngestEvents { get; init; } = 50_000;

    public int Concurrency { get; init; } = 16;

    /// <summary>Events of the one customer the paging phase scrolls through (the 50,000).</summary>
    public int HeavyEvents { get; init; } = 50_000;

    public int Seed { get; init; } = 42;

    /// <summary>Where the markdown table goes; null writes nothing.</summary>
    public string? OutputFile { get; init; }

    public bool Smoke { get; init; }

    /// <summary>Keeps the query phases' dataset in this folder and reuses it on the next run with the same sizes (skips load and insights).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Leaves out the ingestion phase (for iterating on the query phases).</summary>
    public bool SkipIngestion { get; init; }

    /// <summary>Runs the ingestion phase only (for iterating on the pipeline).</summary>
    public bool SkipQueries { get; init; }

    /// <summary>Delay the sandbox adds to every vendor request in the ingestion phase (a real API's latency); 0 by default.</summary>
    public int VendorLatencyMs { get; init; }

    public TimeSpan Duration => TimeSpan.FromSeconds(DurationSeconds);

    public TimeSpan WarmUp => TimeSpan.FromSeconds(Math.Min(2, DurationSeconds / 5));

    /// <summary>Tiny sizes that finish in seconds: keeps the harness from rotting, says nothing about speed.</summary>
    public static BenchOptions SmokeOptions => new()
    {
        Events = 2_000, Customers = 200, DurationSeconds = 1, IngestEvents = 1_000, Concurrency = 4, HeavyEvents = 350, Smoke = true,
    };

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = args.Contains("--smoke") ? SmokeOptions : new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--smoke" => options,
                "--skip-ingestion" => options with { SkipIngestion = true },
                "--skip-queries" => options with { SkipQueries = true },
                "--data" => options with { DataDirectory = Path.GetFullPath(Value()) },
                "--events" => options with { Events = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--customers" => options with { Customers = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--duration" => options with { DurationSeconds = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--ingest-events" => options with { IngestEvents = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--heavy-events" => options with { HeavyEvents = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--concurrency" => options with { Concurrency = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--vendor-latency-ms" => options with { VendorLatencyMs = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--out" => options with { OutputFile = Value() },
                _ => throw new ArgumentException($"Unknown argument {args[i]}. Usage: --events N --customers N --duration S [--ingest-events N] [--heavy-events N] [--concurrency N] [--seed N] [--out FILE] [--data DIR] [--skip-ingestion] [--skip-queries] [--vendor-latency-ms N] [--smoke]"),
            };
        }
        return options;
    }
}
