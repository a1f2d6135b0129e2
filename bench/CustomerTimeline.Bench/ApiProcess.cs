using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;

namespace CustomerTimeline.Bench;

/// <summary>
/// The query phases' API in a process of its own (this bench's executable with <c>--serve DIR</c>, see
/// <see cref="BenchServer"/>): the load client's allocations, GC pauses and memory stay in the bench process, so the
/// API's RSS is measured alone. Its console output is forwarded to the bench log; it exits when told to, or when
/// this process goes away (its stdin closes).
/// </summary>
internal sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _answers = Channel.CreateUnbounded<string>();
    private readonly SemaphoreSlim _commands = new(1, 1);

    private ApiProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A bearer token the API accepts (minted in the API process, which alone holds the bench's signing key).</summary>
    public string BearerToken { get; private set; } = "";

    public static async Task<ApiProcess> StartAsync(string dataDirectory, TextWriter log)
    {
        var bench = typeof(ApiProcess).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "exec", bench, "--serve", dataDirectory }) start.ArgumentList.Add(arg);
        var api = new ApiProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the API process."));
        api._process.OutputDataReceived += (_, e) => api.OnOutput(e.Data, log);
        api._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (log) log.WriteLine("  api: " + e.Data);
        };
        api._process.BeginOutputReadLine();
        api._process.BeginErrorReadLine();
        var ready = await api.NextAnswerAsync(TimeSpan.FromMinutes(5));
        if (!ready.StartsWith("ready ", StringComparison.Ordinal)) throw new InvalidOperationException("The API process answered: " + ready);
        var parts = ready.Split(' ');
        (api.BaseAddress, api.BearerToken) = (new Uri(parts[1]), parts[2]);
        return api;
    }

    /// <summary>The API's resident set size now, read by this process from /proc (no request to the API).</summary>
    public long WorkingSet()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    /// <summary>What the API's resident set is made of now; null where /proc cannot tell.</summary>
    public RssParts? RssParts() => CustomerTimeline.Bench.RssParts.Read(_process.Id);

    public async Task RefreshInsightsAsync(long customerId) =>
        await CommandAsync("refresh " + customerId.ToString(CultureInfo.InvariantCulture));

    public async Task<double> ComputeStatsAsync() =>
        double.Parse(await CommandAsync("stats"), CultureInfo.InvariantCulture);

    public async Task<InProcessAgentLoop.Result> InProcessAgentAsync(int warmUp, int rounds, int perRound, long customers, int events) =>
        JsonSerializer.Deserialize<InProcessAgentLoop.Result>(await CommandAsync(string.Create(CultureInfo.InvariantCulture,
            $"inprocess {warmUp} {rounds} {perRound} {customers} {events}")))!;

    /// <summary>The API's heaps at its highest resident set since the last call (sampled inside it); null where it cannot tell.</summary>
    public async Task<HeapsAtPeak?> HeapsAtPeakAsync() =>
        JsonSerializer.Deserialize<HeapsAtPeak?>(await CommandAsync("peak"));

    public async Task<MemoryFigures> MemoryAsync() =>
        JsonSerializer.Deserialize<MemoryFigures>(await CommandAsync("memory"))!;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync("quit");
                await _process.StandardInput.FlushAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
        _commands.Dispose();
    }

    private async Task<string> CommandAsync(string command)
    {
        await _commands.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(command);
            await _process.StandardInput.FlushAsync();
            return await NextAnswerAsync(TimeSpan.FromMinutes(5));
        }
        finally
        {
            _commands.Release();
        }
    }

    private async Task<string> NextAnswerAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _answers.Reader.ReadAsync(cts.Token);
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The API process exited (code {(_process.HasExited ? _process.ExitCode : -1)}) before answering.");
        }
    }

    private void OnOutput(string? line, TextWriter log)
    {
        if (line is null)
        {
            _answers.Writer.TryComplete(); // stdout closed: the process is gone
            return;
        }
        if (line.StartsWith(BenchServer.Prefix, StringComparison.Ordinal)) _answers.Writer.TryWrite(line[BenchServer.Prefix.Length..]);
        else lock (log) log.WriteLine("  api: " + line);
    }

    /// <summary>
    /// The dotnet host: the one the SDK names for its child processes, this process's own, the one beside the
    /// running runtime (dotnet root/shared/Microsoft.NETCore.App/version), else whatever PATH finds.
    /// </summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        var root = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var beside = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(beside) ? beside : "dotnet";
    }
}
