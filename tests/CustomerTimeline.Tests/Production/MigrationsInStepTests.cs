using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Tests.Production;

/// <summary>Both providers' migrations must describe the current model: a model change needs a migration for each.</summary>
public sealed class MigrationsInStepTests
{
    [Fact]
    public void Sqlite_migrations_cover_the_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        db.Database.HasPendingModelChanges().ShouldBeFalse(
            "The model changed without a SQLite migration: dotnet ef migrations add NAME --context SqliteTimelineDbContext --output-dir Data/Migrations/Sqlite");
    }

    [Fact]
    public void SqlServer_migrations_cover_the_model()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        db.Database.HasPendingModelChanges().ShouldBeFalse(
            "The model changed without a SQL Server migration: dotnet ef migrations add NAME --context SqlServerTimelineDbContext --output-dir Data/Migrations/SqlServer");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]);
        Names(sqlite).ShouldBe(Names(sqlServer));
    }
}
