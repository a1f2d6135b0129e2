using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Generator;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CustomerTimeline.Tests.Infrastructure;

/// <summary>
/// The real API over a real SQLite file in a temp folder, with no demo data unless a test loads some. Its
/// Entra ID app registration is the one of <see cref="TestTokens"/>, whose local key is the only signing key.
/// </summary>
public class TimelineApiFactory : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory;

    public TimelineApiFactory() : this(NewDataDirectory())
    {
    }

    /// <summary>Hosts given the same folder share one SQLite database, like two instances behind a load balancer.</summary>
    public TimelineApiFactory(string dataDirectory) => _dataDirectory = dataDirectory;

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "ct-tests-" + Guid.NewGuid().ToString("N"));

    public CommandCounter Commands { get; } = new();

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected virtual string EnvironmentName => "Development";

    /// <summary>When false the API keeps its own signing configuration (e.g. dev tokens).</summary>
    protected virtual bool UseTestSigningKey => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:DataDirectory", _dataDirectory);
        builder.UseSetting("Demo:Enabled", "false");
        // The generator's fixed anchor, not the day the test runs: tests read the demo and sandbox data as planted.
        builder.UseSetting("Demo:Now", GeneratorOptions.DefaultNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("AzureAd:Instance", TestTokens.Instance);
        builder.UseSetting("AzureAd:TenantId", TestTokens.TenantId);
        builder.UseSetting("AzureAd:ClientId", TestTokens.ClientId);
        builder.UseSetting("Auth:DevTokens:Enabled", "false");
        // Tests share one caller per factory; the rate-limit tests set their own budget.
        builder.UseSetting("RateLimit:PermitLimit", "1000000");
        // The start-up warm-up's requests would land in tests that count SQL commands; its own tests turn it on.
        builder.UseSetting("GraphQL:WarmUp", "false");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(services => services
            .AddSingleton<IInterceptor>(Commands)
            .AddSingleton<IHotReadObserver>(Commands));
        if (!UseTestSigningKey) return;
        builder.ConfigureTestServices(services =>
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
            {
                // A static configuration: the API fetches no metadata and knows only the test key.
                var configuration = new OpenIdConnectConfiguration { Issuer = TestTokens.Issuer(TestTokens.TenantId) };
                configuration.SigningKeys.Add(TestTokens.SigningKey);
                jwt.Configuration = configuration;
            }));
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

    /// <summary>A client whose requests carry a token with every scope.</summary>
    public GraphQLClient CreateGraphQLClient() => CreateGraphQLClient(TestTokens.Mint());

    /// <summary>A client whose requests carry the given bearer token, or no Authorization header when null.</summary>
    public GraphQLClient CreateGraphQLClient(string? bearerToken)
    {
        var http = CreateClient();
        if (bearerToken is not null)
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken);
        return new GraphQLClient(http);
    }

    /// <summary>A client for a delegated caller with these scopes (and optionally app roles).</summary>
    public GraphQLClient CreateGraphQLClient(string[] scopes, string[]? roles = null) =>
        CreateGraphQLClient(TestTokens.Mint(scopes, roles));

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
