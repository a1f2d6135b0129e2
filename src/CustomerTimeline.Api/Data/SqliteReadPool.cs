using System.Diagnostics;
using System.Globalization;
using CustomerTimeline.Api.Telemetry;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CustomerTimeline.Api.Data;

/// <summary>
/// The agent console's single-customer reads on SQLite, outside EF: a few long-lived read-only connections, each
/// keeping its statements prepared, stepped and read through SQLite's own API (SQLitePCL). Through EF every read
/// opens a pooled connection, builds a command, prepares the statement and materializes through its interceptors and
/// shapers, 20-50 µs more per statement than the SQL itself; a kept ADO.NET command still allocates a reader, a
/// binder per parameter and boxed values, and checks each column's type before reading it.
/// Disabled (callers use EF) for SQL Server and in-memory SQLite. Reads see committed data, as EF's do (WAL).
/// </summary>
public sealed class SqliteReadPool : IDisposable
{
    private readonly string? _connectionString;
    private readonly int _cacheKiB;
    private readonly IHotReadObserver[] _observers;
    private readonly Stack<Session> _idle = new();
    private readonly Lock _gate = new();
    // Enough for every thread that reads at once (opening one costs more than a read); each is small (below).
    private const int MaxIdle = 16;
    private bool _disposed;

    public SqliteReadPool(string? sqliteConnectionString, IEnumerable<IHotReadObserver> observers,
        int cacheKiB = DatabaseOptions.DefaultSqliteCacheKiB)
    {
        ArgumentNullException.ThrowIfNull(observers);
        _observers = [.. observers];
        _cacheKiB = cacheKiB;
        if (sqliteConnectionString is null) return;
        var csb = new SqliteConnectionStringBuilder(sqliteConnectionString);
        if (csb.IsInMemory()) return;
        // Never create the file (migrations do); not pooled, so disposing a session releases the file.
        csb.Mode = SqliteOpenMode.ReadWrite;
        csb.Pooling = false;
        _connectionString = csb.ToString();
    }

    public bool Enabled => _connectionString is not null;

    public List<T> List<T>(TimelineDbContext db, HotQuery<T> query, CancellationToken cancellationToken, params ReadOnlySpan<long> parameters)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        if (parameters.Length != query.ParameterCount)
            throw new ArgumentException($"The query takes {query.ParameterCount} parameter(s).", nameof(parameters));
        var compiled = query.For(db.Model);
        return Rows(compiled.Sql, compiled.Read, cancellationToken, parameters);
    }

    /// <summary>
    /// Rows of a hand-written statement that are not whole entities (a grouped count), each read by
    /// <paramref name="read"/>; the statement names its parameters <c>@p0</c>, <c>@p1</c>....
    /// </summary>
    internal List<TRow> Rows<TRow>(string sql, Func<sqlite3_stmt, TRow> read, CancellationToken cancellationToken, params ReadOnlySpan<long> parameters)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var session = Rent();
        List<TRow> rows;
        try
        {
            foreach (var observer in _observers) observer.Executing(sql);
            var span = DbCommandSpans.Start(sql, "sqlite");
            try
            {
                rows = session.Read(sql, read, parameters, cancellationToken);
            }
            catch (Exception e) when (span is not null)
            {
                DbCommandSpans.Stop(span, e);
                span = null;
                throw;
            }
            finally
            {
                if (span is not null) DbCommandSpans.Stop(span, null);
            }
        }
        catch
        {
            // A connection in an unknown state is not handed to the next reader.
            session.Dispose();
            throw;
        }
        Return(session);
        return rows;
    }

    public T? First<T>(TimelineDbContext db, HotQuery<T> query, CancellationToken cancellationToken, params ReadOnlySpan<long> parameters)
        where T : class
    {
        var rows = List(db, query, cancellationToken, parameters);
        return rows.Count == 0 ? null : rows[0];
    }

    private Session Rent()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idle.TryPop(out var idle)) return idle;
        }
        return new Session(_connectionString!, _cacheKiB);
    }

    private void Return(Session session)
    {
        lock (_gate)
        {
            if (!_disposed && _idle.Count < MaxIdle)
            {
                _idle.Push(session);
                return;
            }
        }
        session.Dispose();
    }

    public void Dispose()
    {
        Session[] idle;
        lock (_gate)
        {
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
        }
        foreach (var session in idle) session.Dispose();
    }

    /// <summary>One open connection and its prepared statements, used by one reader at a time.</summary>
    private sealed class Session : IDisposable
    {
        // As Microsoft.Data.Sqlite does: a locked database is retried (before the first row) until the command timeout;
        // unlike it, a cancelled request stops waiting.
        private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan BusyPause = TimeSpan.FromMilliseconds(150);

        private readonly SqliteConnection _connection;
        private readonly Dictionary<string, (sqlite3_stmt Statement, int[] Parameters)> _statements = new(StringComparer.Ordinal);

        public Session(string connectionString, int cacheKiB)
        {
            _connection = new SqliteConnection(connectionString);
            try
            {
                _connection.Open();
                using var readOnly = _connection.CreateCommand();
                // Reads here are random single-customer lookups: a big page cache per connection buys little and
                // multiplies with the sessions, so each keeps EF's connections' size (512 KiB) instead of SQLite's 2 MiB.
                readOnly.CommandText = "PRAGMA query_only = 1; " + SqliteConnectionSettings.CacheSizePragma(cacheKiB);
                readOnly.ExecuteNonQuery();
            }
            catch
            {
                _connection.Dispose();
                throw;
            }
        }

        public List<T> Read<T>(string sql, Func<sqlite3_stmt, T> read, ReadOnlySpan<long> parameters, CancellationToken cancellationToken)
        {
            var busySince = 0L;
            var (statement, indexes) = Prepare(sql, parameters.Length, ref busySince, cancellationToken);
            try
            {
                for (var i = 0; i < parameters.Length; i++) Check(raw.sqlite3_bind_int64(statement, indexes[i], parameters[i]));
                var rows = new List<T>();
                var rc = raw.sqlite3_step(statement);
                while (IsBusy(rc) && WaitedForLock(ref busySince, cancellationToken))
                {
                    raw.sqlite3_reset(statement);
                    rc = raw.sqlite3_step(statement);
                }
                while (rc == raw.SQLITE_ROW)
                {
                    rows.Add(read(statement));
                    rc = raw.sqlite3_step(statement);
                }
                Check(rc);
                return rows;
            }
            finally
            {
                // Ends the statement's read transaction; the bindings are overwritten by the next read.
                raw.sqlite3_reset(statement);
            }
        }

        private (sqlite3_stmt Statement, int[] Parameters) Prepare(string sql, int parameterCount, ref long busySince, CancellationToken cancellationToken)
        {
            if (_statements.TryGetValue(sql, out var prepared)) return prepared;
            // Preparing reads the schema, which a writer's lock can hold up too.
            int rc;
            sqlite3_stmt statement;
            while (IsBusy(rc = raw.sqlite3_prepare_v3(_connection.Handle, sql, raw.SQLITE_PREPARE_PERSISTENT, out statement, out _))
                && WaitedForLock(ref busySince, cancellationToken))
            {
                Release(statement);
            }
            if (rc != raw.SQLITE_OK) Release(statement);
            Check(rc);
            // A parameter the caller does not give would silently bind NULL: the clause must name exactly @p0..@pN-1.
            var named = raw.sqlite3_bind_parameter_count(statement);
            if (named != parameterCount)
            {
                statement.Dispose();
                throw new InvalidOperationException($"The hot query has {named} parameter(s), not {parameterCount}: {sql}");
            }
            var indexes = SqliteNative.ParameterIndexes(statement, [.. Enumerable.Range(0, parameterCount).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture))]);
            if (Array.IndexOf(indexes, 0) is var missing and >= 0)
            {
                statement.Dispose();
                throw new InvalidOperationException($"The hot query has no parameter @p{missing}: {sql}");
            }
            prepared = (statement, indexes);
            _statements.Add(sql, prepared);
            return prepared;
        }

        // A failed prepare may hand back no statement at all.
        private static void Release(sqlite3_stmt? statement) => statement?.Dispose();

        private static bool IsBusy(int rc) => rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED;

        /// <summary>False once the lock has been waited for <see cref="BusyTimeout"/> (the caller then raises the error).</summary>
        private static bool WaitedForLock(ref long busySince, CancellationToken cancellationToken)
        {
            if (busySince == 0) busySince = Stopwatch.GetTimestamp();
            if (Stopwatch.GetElapsedTime(busySince) >= BusyTimeout) return false;
            cancellationToken.WaitHandle.WaitOne(BusyPause);
            cancellationToken.ThrowIfCancellationRequested();
            return true;
        }

        private void Check(int rc)
        {
            if (rc is raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW) return;
            throw SqliteNative.Error(_connection.Handle!, rc);
        }

        public void Dispose()
        {
            foreach (var (statement, _) in _statements.Values) statement.Dispose();
            _connection.Dispose();
        }
    }
}
