using CustomerTimeline.Bench;

namespace CustomerTimeline.Tests.Bench;

/// <summary>
/// Runs the whole bench at smoke size (seconds) so the harness cannot rot: every phase runs against the real API
/// and every row of the report has a positive figure. No timing assertions: smoke sizes say nothing about speed.
/// </summary>
public sealed class BenchSmokeTests
{
    [Fact]
    public async Task Smoke_run_reports_every_row_with_positive_numbers()
    {
        var log = new StringWriter();
        var report = await BenchRunner.RunAsync(BenchOptions.SmokeOptions, log);

        string[] expected =
        [
            "Ingestion through the 4 connectors",
            "Ceiling of any writer:",
            "Ingestion again in the same host",
            "Ceiling of any writer in the second pass",
            "Ingestion with the JIT quiet (pass ",
            "Ceiling of any writer in pass ",
            "Dataset load",
            "Insights computed",
            "Agent context req/s @4",
            "Agent context req/s @1",
            "Agent context (GraphQL) req/s @4 against the plain handler at the end of the API's pipeline",
            "Agent context (GraphQL) p50 @1 against the plain handler at the end of the API's pipeline",
            "Agent context in the API process without HTTP: GraphQL endpoint handler, time per request",
            "Agent context in the API process without HTTP: GraphQL endpoint handler, bytes allocated per request",
            "Agent context, the API's first request after it started",
            "Agent context p50 @1",
            "Agent context p99 @1",
            "Agent context with `sources`",
            "Agent context gzipped",
            "Agent context p50 @4",
            "Agent context p99 @4",
            "Paging 100 per page through the heavy customer, p50",
            "Paging 100 per page through the heavy customer, p99",
            "Journey-map stats p50",
            "Journey-map stats p99",
            "Journey-map stats, first call",
            "Journey-map stats right after another insights commit",
            "Journey-map stats, one full computation",
            "Peak RSS of the API process while serving",
            "Peak RSS of the API process from its start through the query phases",
            "Insights refresh of the 350-event customer",
            "Peak RSS of the API process after that refresh",
            "Export of the 350-event customer",
            "Peak RSS of the API process after that export",
        ];
        foreach (var measure in expected)
            report.Rows.Count(r => r.Measure.StartsWith(measure, StringComparison.Ordinal)).ShouldBe(1, measure);
        report.Rows.Count.ShouldBe(expected.Length);
        foreach (var row in report.Rows)
        {
            row.Value.ShouldBeGreaterThan(0, row.Measure);
            if (row.Baseline is not null) row.Baseline.Value.ShouldBeGreaterThan(0, row.Measure);
        }

        var markdown = report.ToMarkdown();
        markdown.ShouldContain("| Measure | Value | Same-run baseline |");
        markdown.ShouldContain("logical cores");
        // The API served the query phases from a process of its own, which reported its memory and exited.
        markdown.ShouldContain("API process after the query phases: RSS");
        log.ToString().ShouldNotContain("Unhandled exception");
        if (OperatingSystem.IsLinux())
        {
            // Each phase's memory peak names its parts, and the report those of the serving peak.
            log.ToString().ShouldContain("MB: anonymous ");
            markdown.ShouldContain("The sampled serving peak (");
            markdown.ShouldContain("at its highest resident set: RSS ");
        }
    }
}
