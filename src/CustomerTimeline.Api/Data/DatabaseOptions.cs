using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Connection string; for SQLite defaults to a file under <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply migrations at start-up; defaults to on for SQLite, off for SQL Server (DBAs run the script).</summary>
    public bool? MigrateOnStartup { get; set; }

    public const int DefaultSqliteCacheKiB = 512;

    /// <summary>
    /// Page cache of each SQLite connection EF opens (<see cref="SqliteConnectionSettings"/>) and of each hot-read
    /// session (<see cref="SqliteReadPool"/>), in KiB.
    /// </summary>
    [Range(64, 1_048_576, ErrorMessage = "Database:SqliteCacheKiB must be between 64 and 1048576.")]
    public int SqliteCacheKiB { get; set; } = DefaultSqliteCacheKiB;

    /// <summary>
    /// How often <see cref="WalCheckpointer"/> copies SQLite's write-ahead log into the database file, in ms; 0 leaves
    /// it to the writers, as SQLite does by default.
    /// </summary>
    [Range(0, 60_000, ErrorMessage = "Database:CheckpointIntervalMilliseconds must be between 0 and 60000.")]
    public int CheckpointIntervalMilliseconds { get; set; } = 200;

    public bool ShouldMigrate => MigrateOnStartup ?? Provider == DatabaseProvider.Sqlite;

    /// <summary>The SQLite file's folder, and where the demo keeps its anchor: <see cref="DataDirectory"/> under the content root.</summary>
    public string ResolveDataDirectory(string contentRoot) => Path.GetFullPath(Path.Combine(contentRoot, DataDirectory));

    public string ResolveConnectionString(string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
            return ConnectionString;
        if (Provider == DatabaseProvider.SqlServer)
            throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is SqlServer.");
        var dir = ResolveDataDirectory(contentRoot);
        Directory.CreateDirectory(dir);
        return $"Data Source={Path.Combine(dir, "customer-timeline.db")}";
    }
}
