using System.Diagnostics;
using System.Security.Cryptography;
using CustomerTimeline.Api.Health;
using CustomerTimeline.Api.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>
/// The second half of the start-up warm-up (<see cref="GraphQLWarmUp"/> runs the GraphQL work before the server
/// listens): once it listens, and before the host reports itself started, one request over loopback to the health
/// endpoint and one unauthenticated request to /graphql (401) take Kestrel, the middleware and the authentication
/// handler through their first use; the Entra ID metadata (the signing keys) is read, which the first caller's
/// token otherwise waited for; and a token signed by a throw-away key is validated by a handler of its own, for
/// the token validation's code. Nothing the API trusts is touched. A failure is logged and never stops the start.
/// </summary>
internal sealed partial class HttpWarmUp(
    IServer server,
    IOptions<GraphQLHttpOptions> options,
    IOptionsMonitor<JwtBearerOptions> jwt,
    ILogger<HttpWarmUp> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>What each step answered (tests, diagnostics): the HTTP status, or 1 for a step without one that succeeded.</summary>
    internal List<(string Step, int Status)> Outcomes { get; } = [];

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.WarmUp) return;
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        await StepAsync("Signing keys", ReadSigningKeysAsync, timeout.Token);
        await StepAsync("Token validation", ValidateThrowAwayTokenAsync, timeout.Token);
        if (LoopbackAddress() is { } address)
        {
            using var http = new HttpClient { BaseAddress = address };
            await StepAsync("Health", async ct =>
            {
                using var response = await http.GetAsync(HealthExtensions.LivePath, ct);
                return (int)response.StatusCode;
            }, timeout.Token);
            await StepAsync("Unauthenticated GraphQL", async ct =>
            {
                using var body = new StringContent("""{"query":"{ __typename }"}""", System.Text.Encoding.UTF8, "application/json");
                using var response = await http.PostAsync("/graphql", body, ct);
                return (int)response.StatusCode;
            }, timeout.Token);
        }
        var took = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogWarmed(logger, Outcomes.Count, took);
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task StepAsync(string step, Func<CancellationToken, Task<int>> run, CancellationToken ct)
    {
        try
        {
            Outcomes.Add((step, await run(ct)));
        }
#pragma warning disable CA1031 // A warm-up that fails leaves the first caller slower, nothing worse: never fail the start.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Outcomes.Add((step, 0));
            // The type only: an exception's message can quote a URL or data.
            LogFailed(logger, step, e.GetType().Name);
        }
    }

    /// <summary>Entra ID's metadata; a static configuration (dev tokens, tests) has nothing to read.</summary>
    private async Task<int> ReadSigningKeysAsync(CancellationToken ct)
    {
        if (jwt.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager is not { } manager) return 1;
        await manager.GetConfigurationAsync(ct);
        return 1;
    }

    private static async Task<int> ValidateThrowAwayTokenAsync(CancellationToken ct)
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = "warm-up" };
        var handler = new JsonWebTokenHandler();
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "urn:warm-up",
            Audience = "urn:warm-up",
            Expires = DateTime.UtcNow.AddMinutes(1),
            Claims = new Dictionary<string, object> { ["tid"] = Guid.Empty.ToString(), ["scp"] = "warm-up" },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        ct.ThrowIfCancellationRequested();
        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "urn:warm-up",
            ValidAudience = "urn:warm-up",
            IssuerSigningKey = key,
        });
        return result.IsValid ? 1 : 0;
    }

    /// <summary>A plain-HTTP address the server listens on, a wildcard host turned into the loopback one.</summary>
    private Uri? LoopbackAddress() => ServerAddresses.Reachable(server, "127.0.0.1")
        .Where(address => address.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        .Select(address => Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri : null)
        .FirstOrDefault(uri => uri is not null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm-up: {Steps} HTTP steps done in {Milliseconds:F0} ms")]
    private static partial void LogWarmed(ILogger logger, int steps, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up: {Step} failed ({Error}); the first request will be slower")]
    private static partial void LogFailed(ILogger logger, string step, string error);
}
