using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CustomerTimeline.Bench;

/// <summary>
/// The real API (Program of CustomerTimeline.Api) on a loopback Kestrel port over its own SQLite file in a fresh
/// temp folder. Production environment, as deployed (Development adds the developer exception page to every request
/// and validates every scoped service resolution), with demo data, dev tokens and the sync scheduler off; the Entra ID
/// registration is the bench's, whose local key is the only signing key. Bench-only additions (the plain
/// baseline endpoint) come in through <see cref="ConfigureBenchServices"/>; nothing is added to the API itself.
/// </summary>
internal sealed class BenchHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly int _port;

    private readonly bool _keepData;

    public BenchHost(string dataDirectory, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, int port = 0, bool keepData = false)
    {
        DataDirectory = dataDirectory;
        _keepData = keepData;
        _port = port;
        _services = services;
        _settings = new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = dataDirectory,
            ["Demo:Enabled"] = "false",
            ["Sandbox:Enabled"] = "false",
            ["Sync:Enabled"] = "false",
            ["Journey:BackgroundEnabled"] = "false",
            ["Auth:DevTokens:Enabled"] = "false",
            ["AzureAd:Instance"] = BenchTokens.Instance,
            ["AzureAd:TenantId"] = BenchTokens.TenantId,
            ["AzureAd:ClientId"] = BenchTokens.ClientId,
            // One caller drives all the load: the per-caller limit must not be what the bench measures.
            ["RateLimit:PermitLimit"] = "1000000",
            // Request logging at Information would measure the console, not the API.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft"] = "Warning",
            // The sandbox vendors' own (non-JWT) bearer credentials make the JwtBearer handler log IDX14100 at every
            // connector call; the bench counts failed requests itself.
            ["Logging:LogLevel:Microsoft.IdentityModel"] = "None",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
    }

    public string DataDirectory { get; }

    /// <summary>http://127.0.0.1:port once <see cref="Start"/> ran.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public Uri Start()
    {
        // The API's content root (appsettings.json): its source folder when run from the repository, as the tests
        // do, else the bench's own output folder (the referenced API's appsettings are copied there).
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CUSTOMERTIMELINE_API", ApiContentRoot());
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/'));
        return BaseAddress;
    }

    private static string ApiContentRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var api = Path.Combine(dir.FullName, "src", "CustomerTimeline.Api");
            if (File.Exists(Path.Combine(api, "appsettings.json"))) return api;
        }
        return AppContext.BaseDirectory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
            {
                // A static configuration: the API fetches no metadata and knows only the bench key.
                var configuration = new OpenIdConnectConfiguration { Issuer = BenchTokens.Issuer };
                configuration.SigningKeys.Add(BenchTokens.SigningKey);
                jwt.Configuration = configuration;
            });
            _services?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (_keepData) return;
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
