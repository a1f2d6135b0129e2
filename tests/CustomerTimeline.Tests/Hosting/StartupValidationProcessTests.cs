using System.Diagnostics;
using CustomerTimeline.Api.Hosting;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace CustomerTimeline.Tests.Hosting;

/// <summary>
/// A bad setting stops the API's own process with one critical line naming every setting at fault and exit code 1:
/// no host error, no unhandled exception, no stack trace. A start that fails otherwise ends with exit code 1 too.
/// </summary>
public sealed class StartupValidationProcessTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("ct-startup-").FullName;

    [Fact]
    public async Task A_bad_setting_ends_the_process_with_its_message_and_exit_code_1()
    {
        var (exitCode, output) = await RunApiAsync("Development", new() { ["RateLimit__PermitLimit"] = "0" });

        exitCode.ShouldBe(1, output);
        output.ShouldContain("The service did not start: its configuration is invalid.", Case.Sensitive, output);
        output.ShouldContain("RateLimit:PermitLimit must be between 1 and 1000000", Case.Sensitive, output);
        output.ShouldNotContain("Unhandled exception", Case.Sensitive, output);
        output.ShouldNotContain("Hosting failed to start", Case.Sensitive, output);
        output.ShouldNotContain("   at ", Case.Sensitive, output);
    }

    [Fact]
    public async Task Each_failure_is_said_once_even_when_another_validation_reads_the_failed_options()
    {
        // No app registration and no dev tokens: AzureAd's own validation fails, and the allowed-tenants rule reads AzureAd.
        var (exitCode, output) = await RunApiAsync("Development", new()
        {
            ["AzureAd__TenantId"] = "", ["AzureAd__ClientId"] = "", ["Auth__DevTokens__Enabled"] = "false",
            ["Automation__RulesFile"] = Path.Combine(_data, "missing.json"),
        });

        exitCode.ShouldBe(1, output);
        Occurrences(output, "AzureAd:TenantId is required").ShouldBe(1, output);
        Occurrences(output, "AzureAd:ClientId is required").ShouldBe(1, output);
        output.ShouldContain("Automation:RulesFile", Case.Sensitive, output);
        output.ShouldNotContain("   at ", Case.Sensitive, output);
    }

    [Fact]
    public async Task A_host_that_fails_to_start_ends_the_process_with_exit_code_1_after_logging_why()
    {
        // Not a SQLite file: the database cannot be opened, which no setting's validation can see.
        await File.WriteAllBytesAsync(Path.Combine(_data, "customer-timeline.db"), Enumerable.Repeat((byte)0x5A, 8192).ToArray());

        var (exitCode, output) = await RunApiAsync("Development", []);

        exitCode.ShouldBe(1, output);
        output.ShouldContain("Hosting failed to start", Case.Sensitive, output);
        output.ShouldContain("file is not a database", Case.Sensitive, output);
        output.ShouldNotContain("Unhandled exception", Case.Sensitive, output);
    }

    [Fact]
    public void Under_a_host_that_runs_the_entry_point_the_start_still_throws_each_rule_at_fault()
    {
        var rules = Path.Combine(_data, "rules.json");
        File.WriteAllText(rules, """
            { "rules": [
              { "id": "stalled", "trigger": "Stall", "signal": "stalled", "reason": "r" },
              { "id": "stalled", "trigger": "Intent", "signal": "x", "reason": "r" } ] }
            """);

        var error = StartupFailure.Of<OptionsValidationException>(
            () => new TimelineApiFactory().WithWebHostBuilder(b => b.UseSetting("Automation:RulesFile", rules)));

        error.Failures.ShouldBe([
            "Automation rule 'stalled': Stall needs 'days' above 0.",
            "Automation rule 'stalled': the id is used twice.",
            "Automation rule 'stalled': Intent needs 'intents'.",
        ]);
    }

    [Fact]
    public void Failures_are_read_distinct_from_every_validation_exception_and_only_from_those()
    {
        var a = new OptionsValidationException("A", typeof(object), ["one", "two"]);
        var b = new OptionsValidationException("B", typeof(object), ["two", "three"]);

        StartupValidation.Failures(new AggregateException(a, b)).ShouldBe(["one", "two", "three"]);
        StartupValidation.Failures(a).ShouldBe(["one", "two"]);
        StartupValidation.Failures(new InvalidOperationException("boom")).ShouldBeEmpty();
        StartupValidation.Failures(new AggregateException(a, new IOException())).ShouldBeEmpty();
    }

    [Fact]
    public void The_automation_validator_passes_the_default_rules()
    {
        new AutomationOptionsValidator().Validate(null, new AutomationOptions()).Succeeded.ShouldBeTrue();
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private async Task<(int ExitCode, string Output)> RunApiAsync(string environment, Dictionary<string, string> settings)
    {
        // The API's build output sits beside the tests' (a project reference), with its appsettings files.
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CustomerTimeline.Api.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Database__DataDirectory"] = _data;
        foreach (var (key, value) in settings) start.Environment[key] = value;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The API did not stop on its bad setting within 60 s: " + await stdout);
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
