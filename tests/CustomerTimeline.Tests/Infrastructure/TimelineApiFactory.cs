using CustomerTimeline.Api.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Infrastructure;

/// <summary>The real API over a real SQLite file in a temp folder, with no demo data unless a test loads some.</summary>
public class TimelineApiFactory : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "ct-tests-" + Guid.NewGuid().ToString("N"));

    public CommandCounter Commands { get; } = new();

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:DataDirectory", _dataDirectory);
        builder.UseSetting("Demo:Enabled", "false");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
            services.AddSingleton<IInterceptor>(Commands));
    }

    public async Task SeedAsync(Func<TimelineDbContext, Task> seed)
    {
        StartServer(); // start the host (TestServer or Kestrel) so migrations have run
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.TrackAll;
        await seed(db);
        await db.SaveChangesAsync();
    }

    public async Task<T> WithDbAsync<T>(Func<TimelineDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TimelineDbContext>());
    }

    public GraphQLClient CreateGraphQLClient() => new(CreateClient());

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
