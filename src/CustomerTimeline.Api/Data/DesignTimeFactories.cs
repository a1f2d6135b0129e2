using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CustomerTimeline.Api.Data;

// `dotnet ef` uses these to build each provider's migrations without starting the app.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTimelineDbContext>
{
    public SqliteTimelineDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTimelineDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerTimelineDbContext>
{
    public SqlServerTimelineDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerTimelineDbContext>()
            .UseSqlServer("Server=localhost;Database=CustomerTimeline;Integrated Security=true;TrustServerCertificate=true").Options);
}
