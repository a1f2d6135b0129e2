using CustomerTimeline.Api.Customers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Privacy;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerTimeline.Tests.Sync;

/// <summary>The real API on its own SQLite file, with scripted connectors, fake time and the scheduler off.</summary>
public sealed class SyncApiFactory(string dataDirectory, params ISourceConnector[] connectors) : TimelineApiFactory(dataDirectory)
{
    public SyncApiFactory(params ISourceConnector[] connectors) : this(NewDataDirectory(), connectors)
    {
    }

    public FakeTimeProvider Time { get; } = new(Records.T0.AddDays(1));
    public HashSet<string> SuppressedValues { get; } = [];

    /// <summary>Keep the API's real (hashed, database-backed) suppression list instead of the in-memory test one.</summary>
    public bool RealSuppressionList { get; init; }

    /// <summary>Runs the background scheduler (set before the server starts); off by default so tests drive runs.</summary>
    public bool SchedulerEnabled { get; init; }

    public int MaxPagesPerRun { get; init; } = 10_000;

    /// <summary>Wraps the real suppression list (with <see cref="RealSuppressionList"/>), to act between its calls.</summary>
    public Func<ISuppressionList, ISuppressionList>? DecorateSuppressionList { get; init; }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Sync:Enabled"] = SchedulerEnabled ? "true" : "false",
        ["Sync:Interval"] = "00:05:00",
        ["Sync:LeaseDuration"] = "00:02:00",
        ["Sync:MaxPagesPerRun"] = MaxPagesPerRun.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            if (!RealSuppressionList)
                services.AddSingleton<ISuppressionList>(new SetSuppressionList(SuppressedValues));
            else if (DecorateSuppressionList is { } decorate)
                services.Replace(ServiceDescriptor.Scoped(sp => decorate(new SuppressionList(sp.GetRequiredService<TimelineDbContext>()))));
            // The scripted connectors stand in for the real (unconfigured) vendor connectors.
            services.RemoveAll<ISourceConnector>();
            foreach (var connector in connectors)
                services.AddSingleton<ISourceConnector>(connector);
        });
    }

    public SyncRunner Runner => Services.GetRequiredService<SyncRunner>();

    public Task<SyncRunResult> RunAsync(EventSource source) => Runner.RunAsync(source, CancellationToken.None);

    public Task<T> DbAsync<T>(Func<TimelineDbContext, Task<T>> action)
    {
        _ = Server;
        return WithDbAsync(action);
    }

    public Task<List<TimelineEvent>> EventsAsync() => DbAsync(db => db.Events.OrderBy(e => e.SourceRecordId).ToListAsync());

    public Task<List<Customer>> CustomersAsync() => DbAsync(db => db.Customers.OrderBy(c => c.Id).ToListAsync());

    public Task<SyncState> StateAsync(EventSource source, string stream) =>
        DbAsync(db => db.SyncStates.SingleAsync(s => s.Source == source && s.Stream == stream));

    /// <summary>
    /// A digest of every stored event: (source, record id, customer, title, occurredAt, details), the customer named by
    /// its sorted keys so two databases compare even if their ids differ.
    /// </summary>
    public Task<string> ContentHashAsync() => DbAsync(async db =>
    {
        var keys = (await db.Identities.ToListAsync())
            .GroupBy(i => i.CustomerId)
            .ToDictionary(g => g.Key, g => string.Join(",", g.Select(i => $"{i.Kind}:{i.Value}").Order(StringComparer.Ordinal)));
        var rows = (await db.Events.ToListAsync())
            .Select(e => $"{e.Source}|{e.SourceRecordId}|{keys.GetValueOrDefault(e.CustomerId)}|{e.Title}|{e.OccurredAt:O}|{e.Details}")
            .Order(StringComparer.Ordinal);
        var bytes = System.Text.Encoding.UTF8.GetBytes(string.Join("\n", rows));
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes));
    });

    private sealed class SetSuppressionList(HashSet<string> values) : ISuppressionList
    {
        public Task<bool> IsSuppressedAsync(IdentityKind kind, string normalizedValue, CancellationToken ct) =>
            Task.FromResult(values.Contains(normalizedValue));

        public Task<IReadOnlySet<NormalizedKey>> FindSuppressedAsync(IEnumerable<NormalizedKey> keys, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlySet<NormalizedKey>>(keys.Where(k => values.Contains(k.Value)).ToHashSet());

        public Task<long> VersionAsync(CancellationToken cancellationToken = default) => Task.FromResult((long)values.Count);
    }
}
