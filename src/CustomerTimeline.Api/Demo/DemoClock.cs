using System.Globalization;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Generator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Demo;

/// <summary>
/// The demo dataset's "now" (its newest activity falls an hour before it): <c>Demo:Now</c> when set; otherwise the
/// moment this data directory first needed the demo, kept in <see cref="FileName"/> beside the database. A first run
/// thus shows current data (recent touches, open stalls, surveys due) whatever the date, and a restart serves the
/// very same records: a new anchor would move every record, which the connectors would import again as edits. A
/// database filled before the anchor was kept (by a version that always used the generator's fixed one) keeps that one.
/// </summary>
public sealed partial class DemoClock
{
    public const string FileName = "demo-now.txt";

    private readonly Lazy<DateTimeOffset> _now;

    public DemoClock(IOptions<DemoOptions> demo, IOptions<DatabaseOptions> database, IHostEnvironment environment, TimeProvider time,
        IServiceScopeFactory scopes, ILogger<DemoClock> logger)
    {
        _now = new Lazy<DateTimeOffset>(
            () => demo.Value.Now?.ToUniversalTime()
                  ?? Anchor(Path.Combine(database.Value.ResolveDataDirectory(environment.ContentRootPath), FileName),
                      () => HoldsEvents(scopes) ? GeneratorOptions.DefaultNow : time.GetUtcNow(), logger),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public DateTimeOffset Now => _now.Value;

    /// <summary>Before the generator's oldest record (two years before <see cref="Now"/>): where the sandbox's connectors start.</summary>
    public DateTimeOffset DataStart => Now.AddYears(-3);

    private static DateTimeOffset Anchor(string path, Func<DateTimeOffset> first, ILogger logger)
    {
        if (Read(path) is { } kept) return kept;
        var now = DateTimeOffset.FromUnixTimeSeconds(first().ToUnixTimeSeconds());
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // CreateNew: of two instances sharing the folder, the second reads the first one's anchor.
            using (var file = new FileStream(path, File.Exists(path) ? FileMode.Truncate : FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(file))
                writer.Write(now.ToString("O", CultureInfo.InvariantCulture));
            LogAnchored(logger, now);
            return now;
        }
        catch (IOException) when (Read(path) is { } other)
        {
            return other;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogNotKept(logger, e.GetType().Name);
            return now;
        }
    }

    /// <summary>Whether the database already holds events (false when it cannot say: not created or migrated yet).</summary>
    private static bool HoldsEvents(IServiceScopeFactory scopes)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
            // Asked before the start-up migration runs: a database with no migration applied yet holds nothing.
            return db.Database.GetAppliedMigrations().Any() && db.Events.Any();
        }
#pragma warning disable CA1031 // Any failure to read means there is nothing to keep continuity with.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    private static DateTimeOffset? Read(string path)
    {
        try
        {
            return File.Exists(path)
                   && DateTimeOffset.TryParse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at.ToUniversalTime()
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data is anchored at {Now:O} (kept beside the database; Demo:Now sets another)")]
    private static partial void LogAnchored(ILogger logger, DateTimeOffset now);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The demo's anchor could not be kept beside the database ({ErrorType}): a restart may serve moved records")]
    private static partial void LogNotKept(ILogger logger, string errorType);
}
