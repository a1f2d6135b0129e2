using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace CustomerTimeline.Api.Data;

/// <summary>
/// Settings of every SQLite connection EF opens, applied once per native connection (the pool hands the same one
/// out again with its settings):
/// <list type="bullet">
/// <item>The page cache, <see cref="DatabaseOptions.SqliteCacheKiB"/>. SQLite's default is 2 MiB per connection, and
/// the pool keeps one connection per concurrent request: at 16 agents the caches filled to most of SQLite's ~20 MB,
/// for reads of random customers that a bigger cache barely helps (the OS caches the file; bulk writes get a larger
/// cache for their duration, <see cref="ReplayableWrites"/>).</item>
/// <item>A busy timeout equal to the connection's default command timeout. Without one SQLite returns "busy" at once
/// to a writer that finds the write lock taken, and Microsoft.Data.Sqlite then sleeps 150 ms before trying again:
/// with the four sources' syncs, the journey worker and mutations all writing, the lock sat free while writers slept.
/// SQLite's own busy handler retries after 1, 2, 5, 10 … ms instead.</item>
/// <item>When <see cref="WalCheckpointer"/> runs, a commit checkpoints the log itself only past its backstop.</item>
/// </list>
/// </summary>
internal sealed class SqliteConnectionSettings(int cacheKiB, bool backgroundCheckpoints) : DbConnectionInterceptor
{
    private static readonly object Done = new();
    private readonly ConditionalWeakTable<sqlite3, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || _configured.TryGetValue(handle, out _)) return;
        using var command = sqlite.CreateCommand();
        command.CommandText = CacheSizePragma(cacheKiB) + "; " + BusyTimeoutPragma(TimeSpan.FromSeconds(sqlite.DefaultTimeout))
            + (backgroundCheckpoints ? "; PRAGMA wal_autocheckpoint = " + WalCheckpointer.WriterBackstopPages.ToString(CultureInfo.InvariantCulture) : "");
        command.ExecuteNonQuery();
        _configured.AddOrUpdate(handle, Done);
    }

    /// <summary>The statement that sets a connection's page cache to <paramref name="kib"/> KiB.</summary>
    public static string CacheSizePragma(int kib) => "PRAGMA cache_size = -" + kib.ToString(CultureInfo.InvariantCulture);

    /// <summary>The statement that has SQLite wait up to <paramref name="timeout"/> for a lock another connection holds.</summary>
    public static string BusyTimeoutPragma(TimeSpan timeout) =>
        "PRAGMA busy_timeout = " + ((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
}
