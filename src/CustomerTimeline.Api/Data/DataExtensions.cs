using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Data;

public static class DataExtensions
{
    public static WebApplicationBuilder AddTimelineData(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.Provider == DatabaseProvider.Sqlite || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:ConnectionString is required when Database:Provider is SqlServer.")
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var contentRoot = builder.Environment.ContentRootPath;
        string? sqliteConnectionString = null;
        if (options.Provider == DatabaseProvider.SqlServer)
        {
            builder.Services.AddDbContextPool<TimelineDbContext, SqlServerTimelineDbContext>((sp, o) => o
                .AddInterceptors(sp.GetServices<IInterceptor>())
                .UseSqlServer(options.ConnectionString, sql => sql.EnableRetryOnFailure())
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
            builder.Services.AddSingleton(sp => new SqliteReadPool(null, sp.GetServices<IHotReadObserver>()));
        }
        else
        {
            var connectionString = PrepareSqlite(options.ResolveConnectionString(contentRoot));
            sqliteConnectionString = connectionString;
            var settings = new SqliteConnectionSettings(options.SqliteCacheKiB, backgroundCheckpoints: options.CheckpointIntervalMilliseconds > 0);
            builder.Services.AddDbContextPool<TimelineDbContext, SqliteTimelineDbContext>((sp, o) => o
                .AddInterceptors(sp.GetServices<IInterceptor>().Append(settings).Append(new SqliteConnectionKeeper())
                    .Append(new SqliteWriteGateInterceptor(sp.GetRequiredService<SqliteWriteGate>())))
                .UseSqlite(connectionString)
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
            builder.Services.AddSingleton(sp => new SqliteReadPool(connectionString, sp.GetServices<IHotReadObserver>(), options.SqliteCacheKiB));
        }

        builder.Services.AddSingleton<SqliteWriteGate>();
        builder.Services.AddHostedService<DatabaseInitializer>();
        // After the initializer (hosted services start in order): the file exists and is in WAL mode by then.
        if (sqliteConnectionString is not null)
            builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<WalCheckpointer>(sp, sqliteConnectionString));
        return builder;
    }

    private static string PrepareSqlite(string connectionString)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, DefaultTimeout = 30 };
        if (!csb.IsInMemory())
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(csb.DataSource));
            if (dir is not null) Directory.CreateDirectory(dir);
        }
        return csb.ToString();
    }

    /// <summary>A private or shared in-memory database: no file, no write-ahead log, one connection's view.</summary>
    internal static bool IsInMemory(this SqliteConnectionStringBuilder csb) =>
        csb.Mode == SqliteOpenMode.Memory || csb.DataSource is "" or ":memory:";
}
