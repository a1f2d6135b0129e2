using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Demo;
using CustomerTimeline.Api.Generator;
using Microsoft.Extensions.DependencyInjection;
using CustomerTimeline.Tests.Infrastructure;
using CustomerTimeline.Tests.Sandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CustomerTimeline.Tests.Demo;

/// <summary>The demo data is as recent as the first run, and stays put across restarts.</summary>
public sealed class DemoClockTests : IDisposable
{
    private static readonly DateTimeOffset FirstRun = new(2031, 3, 14, 9, 26, 53, TimeSpan.Zero);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ct-demo-clock-" + Guid.NewGuid().ToString("N"));

    private DemoClock Clock(DateTimeOffset wallClock, DateTimeOffset? configured = null) => new(
        Options.Create(new DemoOptions { Now = configured }),
        Options.Create(new DatabaseOptions { DataDirectory = "data" }),
        new Environment(_root),
        new FakeTimeProvider(wallClock.AddMilliseconds(417)),
        new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), // no database: nothing to keep
        NullLogger<DemoClock>.Instance);

    [Fact]
    public void The_first_run_anchors_the_demo_at_its_own_time_and_a_restart_keeps_it()
    {
        Clock(FirstRun).Now.ShouldBe(FirstRun);
        File.Exists(Path.Combine(_root, "data", DemoClock.FileName)).ShouldBeTrue();

        var restarted = Clock(FirstRun.AddDays(40));
        restarted.Now.ShouldBe(FirstRun);
        restarted.DataStart.ShouldBe(FirstRun.AddYears(-3));
    }

    [Fact]
    public void Demo_Now_sets_the_anchor_and_an_unreadable_kept_one_is_replaced()
    {
        var configured = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Clock(FirstRun, configured).Now.ShouldBe(configured);
        File.Exists(Path.Combine(_root, "data", DemoClock.FileName)).ShouldBeFalse();

        Directory.CreateDirectory(Path.Combine(_root, "data"));
        File.WriteAllText(Path.Combine(_root, "data", DemoClock.FileName), "not a date");
        Clock(FirstRun).Now.ShouldBe(FirstRun);
        Clock(FirstRun.AddDays(1)).Now.ShouldBe(FirstRun);
    }

    [Fact]
    public async Task The_demo_dataset_ends_an_hour_before_its_anchor()
    {
        await using var factory = new ConfiguredApiFactory("Development", new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            ["Demo:Mode"] = "Direct",
            ["Demo:Events"] = "500",
            ["Demo:Now"] = FirstRun.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        });
        factory.StartServer();
        var newest = await factory.WithDbAsync(db => db.Events.MaxAsync(e => e.OccurredAt));
        newest.ShouldBeLessThanOrEqualTo(FirstRun.AddHours(-1));
        newest.ShouldBeGreaterThan(FirstRun.AddDays(-30));
    }

    [Fact]
    public async Task The_sandbox_connectors_start_before_the_data_of_an_anchor_long_past()
    {
        // Before, the connectors started three years before the generator's fixed anchor: data anchored earlier was skipped.
        var past = new DateTimeOffset(2019, 6, 1, 0, 0, 0, TimeSpan.Zero);
        await using var factory = new SandboxApiFactory(scheduler: false, new Dictionary<string, string?>
        {
            ["Demo:Now"] = past.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        });
        factory.StartServer();
        foreach (var source in Enum.GetValues<EventSource>()) await factory.RunAsync(source);
        var expected = SandboxExpectation.For(SandboxApiFactory.Seed, SandboxApiFactory.Events);
        (await factory.WithDbAsync(db => db.Events.LongCountAsync())).ShouldBe(expected.EventsByKind.Values.Sum());
        (await factory.WithDbAsync(db => db.Events.MaxAsync(e => e.OccurredAt))).ShouldBeLessThan(past);
    }

    [Fact]
    public async Task A_database_filled_before_the_anchor_was_kept_keeps_the_generator_s_fixed_one()
    {
        var directory = Track(TimelineApiFactory.NewDataDirectory());
        var unset = new Dictionary<string, string?> { ["Demo:Now"] = "" };
        await using (var before = new ConfiguredApiFactory("Development", new Dictionary<string, string?> { ["Database:DataDirectory"] = directory }))
        {
            await before.SeedAsync(db =>
            {
                var customer = JourneyFixtures.Customer("Ada Lovelace");
                db.Customers.Add(customer);
                db.Events.Add(JourneyFixtures.Visit(0, "v1", GeneratorOptions.DefaultNow.AddDays(-3), "/pricing"));
                db.Events.Local.Single().Customer = customer;
                return Task.CompletedTask;
            });
        }
        await using (var upgraded = new ConfiguredApiFactory("Development", new Dictionary<string, string?>(unset) { ["Database:DataDirectory"] = directory }))
        {
            upgraded.StartServer();
            upgraded.Services.GetRequiredService<DemoClock>().Now.ShouldBe(GeneratorOptions.DefaultNow);
        }

        var fresh = Track(TimelineApiFactory.NewDataDirectory());
        await using var first = new ConfiguredApiFactory("Development", new Dictionary<string, string?>(unset) { ["Database:DataDirectory"] = fresh });
        first.StartServer();
        first.Services.GetRequiredService<DemoClock>().Now.ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow);
        File.Exists(Path.Combine(fresh, DemoClock.FileName)).ShouldBeTrue();
    }

    private readonly List<string> _directories = [];

    private string Track(string directory)
    {
        _directories.Add(directory);
        return directory;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var directory in _directories.Append(_root))
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is DirectoryNotFoundException or IOException)
            {
                // Nothing was written, or a leftover temp folder: harmless.
            }
        }
    }

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";
        public string ApplicationName { get; set; } = "CustomerTimeline.Api";
        public string ContentRootPath { get; set; } = root;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
