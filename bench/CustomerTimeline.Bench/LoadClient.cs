using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace CustomerTimeline.Bench;

/// <summary>Latencies and throughput of one closed-loop phase.</summary>
internal sealed record PhaseResult(string Name, int Concurrency, long Requests, long Errors, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public double Percentile(double q)
    {
        if (LatenciesMs.Length == 0) return 0;
        var rank = (int)Math.Ceiling(q * LatenciesMs.Length) - 1;
        return LatenciesMs[Math.Clamp(rank, 0, LatenciesMs.Length - 1)];
    }
}

internal sealed record ExportDownloadResult(long Bytes, int TimelineEvents);

/// <summary>
/// A bounded closed-loop client: <c>concurrency</c> workers, each sending its next request only after the previous
/// one was answered (and its body read), for a fixed duration after an unrecorded warm-up. A request counts as an
/// error when the status is not 2xx or a GraphQL body carries "errors".
/// </summary>
internal sealed class LoadClient : IDisposable
{
    private readonly HttpClient _http;

    public LoadClient(Uri baseAddress, string bearerToken)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 256,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>Sends one request and returns the body; throws on a non-success status.</summary>
    public async Task<string> SendAsync(Func<HttpRequestMessage> request, CancellationToken ct = default)
    {
        using var message = request();
        using var response = await _http.SendAsync(message, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{message.Method} {message.RequestUri} answered {(int)response.StatusCode}.");
        return body;
    }

    /// <summary>Sends one request and returns the body's bytes as they came (not decompressed) and their encoding.</summary>
    public async Task<(string? Encoding, byte[] Body)> SendRawAsync(Func<HttpRequestMessage> request, CancellationToken ct = default)
    {
        using var message = request();
        using var response = await _http.SendAsync(message, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{message.Method} {message.RequestUri} answered {(int)response.StatusCode}.");
        return (response.Content.Headers.ContentEncoding.FirstOrDefault(), await response.Content.ReadAsByteArrayAsync(ct));
    }

    /// <summary>Downloads an export as it streams in, parses it, and counts its bytes and timeline events.</summary>
    public async Task<ExportDownloadResult> DownloadExportAsync(string path, CancellationToken ct = default)
    {
        using var response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}.");
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var counted = new CountingStream(body);
        using var document = await System.Text.Json.JsonDocument.ParseAsync(counted, cancellationToken: ct);
        var events = document.RootElement.GetProperty("sections").GetProperty("timeline").GetArrayLength();
        return new ExportDownloadResult(counted.BytesRead, events);
    }

    /// <summary>
    /// Runs the phase. <paramref name="next"/> builds worker w's next request from its own state; <paramref name="onBody"/>
    /// (optional) sees every answered body (e.g. to follow a cursor) and returns false to count it as an error.
    /// </summary>
    public async Task<PhaseResult> RunAsync(
        string name, int concurrency, TimeSpan duration, TimeSpan warmUp, Func<int, HttpRequestMessage> next,
        Func<int, string, bool>? onBody = null)
    {
        if (warmUp > TimeSpan.Zero)
            await RunWorkersAsync(concurrency, warmUp, next, onBody, record: false);
        return await RunWorkersAsync(concurrency, duration, next, onBody, record: true) with { Name = name };
    }

    private async Task<PhaseResult> RunWorkersAsync(
        int concurrency, TimeSpan duration, Func<int, HttpRequestMessage> next, Func<int, string, bool>? onBody, bool record)
    {
        var latencies = new List<double>[concurrency];
        var errors = new long[concurrency];
        var clock = Stopwatch.StartNew();
        var deadline = duration;
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(4096);
            // The client shares the API's two cores: answers are read into this buffer and searched as bytes, not
            // buffered by HttpClient and decoded into a string per request (~70 KB each); only a body callback gets text.
            var buffer = new byte[64 * 1024];
            while (clock.Elapsed < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = true;
                try
                {
                    using var message = next(w);
                    using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
                    (buffer, var length) = await ReadBodyAsync(response, buffer);
                    var body = buffer.AsSpan(0, length);
                    ok = response.IsSuccessStatusCode && body.IndexOf("\"errors\""u8) < 0;
                    if (onBody is not null) ok &= onBody(w, Encoding.UTF8.GetString(body));
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (ok) mine.Add(ms);
                else errors[w]++;
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new PhaseResult("", concurrency, record ? all.Length : 0, errors.Sum(), elapsed, all);
    }

    /// <summary>The whole body, into <paramref name="buffer"/> (a larger one when it does not fit).</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpResponseMessage response, byte[] buffer)
    {
        await using var stream = await response.Content.ReadAsStreamAsync();
        var length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(length))) > 0)
        {
            length += read;
            if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
        }
        return (buffer, length);
    }

    public void Dispose() => _http.Dispose();
}
