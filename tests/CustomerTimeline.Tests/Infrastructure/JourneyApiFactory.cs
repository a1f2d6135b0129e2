using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Infrastructure;

/// <summary>The API with a fixed clock; the background worker is off unless a test turns it on, so tests drive it.</summary>
public sealed class JourneyApiFactory(
    DateTimeOffset now, bool background = false, string? dataDirectory = null, int batchSize = 200, bool serveStaleStats = false,
    bool neverServeStaleStats = false) : TimelineApiFactory
{
    public FixedTimeProvider Clock { get; } = new(now);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Journey:BackgroundEnabled"] = background ? "true" : "false",
                ["Journey:PollSeconds"] = "1",
                ["Journey:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            if (dataDirectory is not null) settings["Database:DataDirectory"] = dataDirectory;
            if (serveStaleStats) settings["Journey:StatsServeStaleAfterMs"] = "0";
            if (neverServeStaleStats) settings["Journey:StatsServeStaleAfterMs"] = "600000";
            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>What the ingestion pipeline does after committing: refresh the customers it touched.</summary>
    public Task<int> RefreshAsync(params long[] customerIds) => WithDbAsync(async db =>
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CustomerInsights>().RefreshAsync(db, customerIds, CancellationToken.None);
    });

    public Task<T> QueryDbAsync<T>(Func<TimelineDbContext, Task<T>> query) => WithDbAsync(query);
}
