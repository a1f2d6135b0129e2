using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace CustomerTimeline.Api.Data;

/// <summary>
/// Sets the page cache of every SQLite connection EF opens to <see cref="DatabaseOptions.SqliteCacheKiB"/>, once per
/// native connection (the pool hands the same one out again with its settings). SQLite's default is 2 MiB per
/// connection, and the pool keeps one connection per concurrent request: at 16 agents the caches filled to most of
/// SQLite's ~20 MB, for reads of random customers that a bigger cache barely helps (the OS caches the file; bulk
/// writes get a larger cache for their duration, <see cref="ReplayableWrites"/>).
/// </summary>
internal sealed class SqliteCacheInterceptor(int cacheKiB) : DbConnectionInterceptor
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
        command.CommandText = CacheSizePragma(cacheKiB);
        command.ExecuteNonQuery();
        _configured.AddOrUpdate(handle, Done);
    }

    /// <summary>The statement that sets a connection's page cache to <paramref name="kib"/> KiB.</summary>
    public static string CacheSizePragma(int kib) => "PRAGMA cache_size = -" + kib.ToString(CultureInfo.InvariantCulture);
}
