using CustomerTimeline.Api.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Tests.Generator;

/// <summary>A migrated SQLite file in its own temp directory, removed on dispose.</summary>
internal sealed class TempSqliteDatabase : IDisposable
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ct-gen-" + Guid.NewGuid().ToString("N"));

    public TempSqliteDatabase()
    {
        Directory.CreateDirectory(_directory);
        using var db = CreateContext();
        db.Database.Migrate();
    }

    public string FilePath => System.IO.Path.Combine(_directory, "timeline.db");

    public SqliteTimelineDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<SqliteTimelineDbContext>().UseSqlite($"Data Source={FilePath}").Options);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools(); // pooled connections keep the file open
        Directory.Delete(_directory, recursive: true);
    }
}
