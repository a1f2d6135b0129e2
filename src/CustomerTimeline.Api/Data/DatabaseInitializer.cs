using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Data;

/// <summary>Applies migrations before the server starts listening, so no request ever sees an old schema.</summary>
internal sealed partial class DatabaseInitializer(
    IServiceProvider services, IOptions<DatabaseOptions> options, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers run while a sync writes; it is a property of the file, so setting it once is enough.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using (var cmd = db.Database.GetDbConnection().CreateCommand())
            {
                cmd.CommandText = "PRAGMA journal_mode=WAL;";
                await cmd.ExecuteNonQueryAsync(cancellationToken);
            }
            await db.Database.CloseConnectionAsync();
        }

        if (options.Value.ShouldMigrate)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            await db.Database.MigrateAsync(cancellationToken);
            LogMigrated(logger, pending, options.Value.Provider);
        }
        await Customers.SearchTextBackfill.RunAsync(db, logger, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready ({Provider}); {Count} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, int count, DatabaseProvider provider);
}
