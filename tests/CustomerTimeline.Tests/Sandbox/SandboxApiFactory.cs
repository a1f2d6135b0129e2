using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Sandbox;

/// <summary>
/// The real app on a real loopback port (the connectors call it over HTTP like any vendor), in Development with
/// the sandbox feeding the connectors, a small generated dataset and test-sized pages and back-offs.
/// </summary>
public sealed class SandboxApiFactory : TimelineApiFactory
{
    public const int Seed = 7;
    public const int Events = 1000;

    private readonly int _port = FreePort();
    private readonly bool _scheduler;
    private readonly IDictionary<string, string?> _extra;

    public SandboxApiFactory(bool scheduler, IDictionary<string, string?>? extra = null)
    {
        _scheduler = scheduler;
        _extra = extra ?? new Dictionary<string, string?>();
        UseKestrel(options => options.Listen(IPAddress.Loopback, _port));
    }

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Sandbox:Enabled"] = "true",
                ["Sandbox:BaseUrl"] = $"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}",
                ["Demo:Enabled"] = "true",
                ["Demo:Seed"] = Seed.ToString(CultureInfo.InvariantCulture),
                ["Demo:Events"] = Events.ToString(CultureInfo.InvariantCulture),
                ["Sync:Enabled"] = _scheduler ? "true" : "false",
                ["Sync:Interval"] = "01:00:00",
                ["Connectors:Dataverse:PageSize"] = "40",
                ["Connectors:Zendesk:PageSize"] = "5",
                ["Connectors:Matomo:PageSize"] = "40",
                ["Connectors:Typeform:PageSize"] = "15",
            };
            foreach (var vendor in new[] { "Dataverse", "Zendesk", "Matomo", "Typeform" })
                settings[$"Connectors:{vendor}:Resilience:RetryBaseDelay"] = "00:00:00.050";
            foreach (var (key, value) in _extra) settings[key] = value;
            return settings;
        }
    }

    public Task<SyncRunResult> RunAsync(EventSource source) =>
        Services.GetRequiredService<SyncRunner>().RunAsync(source, CancellationToken.None);

    /// <summary>(source, record id, title, occurredAt) of every event, hashed: equal rows, equal hash.</summary>
    public Task<(long Count, string Hash)> ContentAsync() => WithDbAsync(async db =>
    {
        var rows = await db.Events.AsNoTracking()
            .Select(e => new { e.Source, e.SourceRecordId, e.Title, e.OccurredAt })
            .ToListAsync();
        var lines = rows
            .Select(r => $"{r.Source}|{r.SourceRecordId}|{r.Title}|{r.OccurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}")
            .Order(StringComparer.Ordinal);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        return ((long)rows.Count, Convert.ToHexStringLower(hash));
    });

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
