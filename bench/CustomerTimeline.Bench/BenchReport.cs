using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace CustomerTimeline.Bench;

/// <summary>One figure beside its same-run baseline. <see cref="Ratio"/> is Value / Baseline.</summary>
public sealed record ReportRow(
    string Measure, double Value, string Unit, string BaselineName, double? Baseline, string Target = "", bool? Met = null)
{
    public double? Ratio => Baseline is > 0 ? Value / Baseline.Value : null;
}

/// <summary>What a bench run measured, with the machine it ran on.</summary>
public sealed class BenchReport
{
    public required BenchOptions Options { get; init; }

    public List<ReportRow> Rows { get; } = [];

    public List<string> Notes { get; } = [];

    public DateTimeOffset RunAt { get; } = DateTimeOffset.UtcNow;

    public static string MachineFacts()
    {
        var ramGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} logical cores, {ramGiB:F1} GiB RAM available to .NET, {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture}), {RuntimeInformation.FrameworkDescription}, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");
    }

    public ReportRow Row(string measure) => Rows.Single(r => r.Measure == measure);

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        var o = Options;
        md.AppendLine(CultureInfo.InvariantCulture, $"Run started {RunAt:yyyy-MM-dd HH:mm} UTC: {o.Events:N0} target events, {o.Customers:N0} customers, {o.DurationSeconds:0.##} s per phase, paging customer of {o.HeavyEvents:N0} events, ingestion of {o.IngestEvents:N0} sandbox events{(o.Smoke ? " (SMOKE: sizes too small to mean anything)" : "")}.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {MachineFacts()}.");
        md.AppendLine();
        md.AppendLine("| Measure | Value | Same-run baseline | Baseline value | Ratio | Target | Met |");
        md.AppendLine("|---|---:|---|---:|---:|---|---|");
        foreach (var r in Rows)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Measure} | {Format(r.Value)} {r.Unit} | {r.BaselineName} | {(r.Baseline is { } b ? Format(b) : "—")} | {(r.Ratio is { } q ? q.ToString("0.00", CultureInfo.InvariantCulture) : "—")} | {r.Target} | {(r.Met is null ? "" : r.Met.Value ? "yes" : "**no**")} |");
        }
        if (Notes.Count > 0)
        {
            md.AppendLine();
            foreach (var n in Notes) md.AppendLine(CultureInfo.InvariantCulture, $"- {n}");
        }
        return md.ToString();
    }

    private static string Format(double v) => v switch
    {
        >= 1000 => v.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => v.ToString("0.0", CultureInfo.InvariantCulture),
        _ => v.ToString("0.000", CultureInfo.InvariantCulture),
    };
}
