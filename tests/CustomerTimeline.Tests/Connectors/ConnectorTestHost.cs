using CustomerTimeline.Api.Connectors;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CustomerTimeline.Tests.Connectors;

/// <summary>
/// The real DI graph of <see cref="ConnectorsExtensions.AddConnectors"/> (Refit clients, resilience pipelines,
/// auth handlers) over in-memory configuration, with a fake clock that tests advance instead of sleeping.
/// </summary>
public sealed class ConnectorTestHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly AsyncServiceScope scope;

    private ConnectorTestHost(WebApplication app, FakeTimeProvider time)
    {
        this.app = app;
        Time = time;
        scope = app.Services.CreateAsyncScope();
    }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => scope.ServiceProvider;

    /// <summary>Fast, test-sized timings: long attempt timeout so fake-clock steps never cut a live request.</summary>
    public static Dictionary<string, string?> TestResilience(string section) => new()
    {
        [$"{section}:Resilience:AttemptTimeout"] = "00:05:00",
        [$"{section}:Resilience:TotalTimeout"] = "00:30:00",
        [$"{section}:Resilience:RetryBaseDelay"] = "00:00:01",
        [$"{section}:Resilience:MaxRetryAfter"] = "00:02:00",
    };

    public static ConnectorTestHost Create(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TimeProvider>(time);
        // Kept in memory for the tests that read what the clients log (Polly's attempts are Debug when they succeed).
        builder.Logging.AddFakeLogging();
        builder.Logging.AddFilter<FakeLoggerProvider>("Polly", LogLevel.Debug);
        builder.AddConnectors();
        configure?.Invoke(builder.Services);
        return new ConnectorTestHost(builder.Build(), time);
    }

    public T Connector<T>() where T : ISourceConnector =>
        Services.GetServices<ISourceConnector>().OfType<T>().Single();

    /// <summary>
    /// Runs <paramref name="action"/> and, while it waits, moves the fake clock in steps (default 5 s) so Retry-After
    /// waits, back-offs and timeouts elapse in milliseconds of real time.
    /// </summary>
    public async Task<T> Drive<T>(Func<Task<T>> action, TimeSpan? step = null)
    {
        var task = action();
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(20));
            if (!task.IsCompleted) Time.Advance(step ?? TimeSpan.FromSeconds(5));
        }
        return await task;
    }

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await app.DisposeAsync();
    }
}
