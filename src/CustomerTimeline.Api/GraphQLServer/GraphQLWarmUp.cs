using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Journey;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Api.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>
/// Runs the agent-context request once before the server listens, through the GraphQL endpoint's own handler: the
/// first caller after a deploy or restart otherwise waited over a second while EF compiled its queries and the JIT
/// its code (bench/README). The journey stats' request follows in the background, once the stats computed at
/// start-up are in. The caller may only read (<see cref="Access.Read"/>): personal data stays masked, so no PII read
/// is audited, and nothing is written. A failure is logged and never stops the start.
/// </summary>
internal sealed partial class GraphQLWarmUp(
    IServiceScopeFactory scopes,
    GraphQLHttpEndpoint endpoint,
    IOptions<GraphQLHttpOptions> options,
    IOptions<TimelineAuthOptions> auth,
    ILogger<GraphQLWarmUp> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<WarmUpOutcome> _outcomes = new();
    private Task _behind = Task.CompletedTask;

    /// <summary>What each warm-up request answered (tests, diagnostics).</summary>
    internal IReadOnlyCollection<WarmUpOutcome> Outcomes => _outcomes;

    /// <summary>What one warm-up request answered; <paramref name="Codes"/> are its errors' codes (comma-separated).</summary>
    internal sealed record WarmUpOutcome(string Operation, int Status, bool Errors, string Codes = "");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.WarmUp) return;
        await RunAsync("AgentContext", AgentContextQuery.Document, customer: true, cancellationToken);
        _behind = Task.Run(() => RunAsync("JourneyStats", JourneyStatsQuery.Document, customer: false, _stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _behind.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    // Cancelled, never disposed, as BackgroundService does: under the test host the entry point's Run stops and disposes
    // the host while the factory's own StopAsync may still be on its way here, and CancelAsync on a disposed source throws.
#pragma warning disable CA2213 // See above: a source without a timer or links holds nothing to release.
    public void Dispose() => _stopping.Cancel();
#pragma warning restore CA2213

    private async Task RunAsync(string operation, string document, bool customer, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var variables = new Dictionary<string, object?>();
            if (customer)
            {
                // Any stored customer will do (the lowest id is one indexed read); in an empty database id 1 finds nobody and
                // still warms the rest.
                var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
                var id = await db.Customers.OrderBy(c => c.Id).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
                variables["id"] = GlobalId.Encode(GlobalId.CustomerType, id ?? 1);
                variables["events"] = 50;
            }
            var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?> { ["query"] = document, ["variables"] = variables });
            using var response = new MemoryStream();
            var context = InMemoryGraphQLRequest.Create(scope.ServiceProvider, Reader(), body, response);
            context.RequestAborted = ct;
            await endpoint.HandleAsync(context);
            var took = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            // An answer with errors warmed less than it should: the document no longer fits the schema, a resolver
            // failed, or the execution timed out. Only the status and the error codes are logged, never the answer
            // (it is masked, but still a customer's).
            var errors = InMemoryGraphQLRequest.HasErrors(response);
            var codes = errors ? InMemoryGraphQLRequest.ErrorCodes(response) : "";
            _outcomes.Enqueue(new WarmUpOutcome(operation, context.Response.StatusCode, errors, codes));
            if (errors || context.Response.StatusCode != StatusCodes.Status200OK) LogIncomplete(logger, operation, context.Response.StatusCode, codes);
            else LogWarmed(logger, operation, took);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A warm-up that fails leaves the first caller slower, nothing worse: never fail the start.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _outcomes.Enqueue(new WarmUpOutcome(operation, 0, Errors: true));
            LogFailed(logger, operation, e.GetType().Name);
        }
    }

    private ClaimsPrincipal Reader() => new(new ClaimsIdentity(
        [new Claim(ClaimConstants.Roles, auth.Value.NameOf(Access.Read))], authenticationType: "warm-up"));

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm-up: {Operation} answered in {Milliseconds:F0} ms")]
    private static partial void LogWarmed(ILogger logger, string operation, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up: {Operation} did not answer cleanly (status {Status}, error codes '{Codes}'); the first such request will be slower")]
    private static partial void LogIncomplete(ILogger logger, string operation, int status, string codes);

    // The type only: an exception's message can quote data.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up: {Operation} failed ({Error}); the first such request will be slower")]
    private static partial void LogFailed(ILogger logger, string operation, string error);
}
