using System.Globalization;
using CustomerTimeline.Api.Telemetry;
using Microsoft.Data.Sqlite;

namespace CustomerTimeline.Api.Data;

/// <summary>
/// The agent console's single-customer reads on SQLite, outside EF: a few long-lived read-only connections, each
/// keeping its statements prepared. Through EF every read opens a pooled connection, builds a command, prepares the
/// statement and materializes through its interceptors and shapers, 20-50 µs more per statement than the SQL itself.
/// Disabled (callers use EF) for SQL Server and in-memory SQLite. Reads see committed data, as EF's do (WAL).
/// </summary>
public sealed class SqliteReadPool : IDisposable
{
    private readonly string? _connectionString;
    private readonly IHotReadObserver[] _observers;
    private readonly Stack<Session> _idle = new();
    private readonly Lock _gate = new();
    // Enough for every thread that reads at once (opening one costs more than a read); each is small (below).
    private const int MaxIdle = 16;
    private bool _disposed;

    public SqliteReadPool(string? sqliteConnectionString, IEnumerable<IHotReadObserver> observers)
    {
        ArgumentNullException.ThrowIfNull(observers);
        _observers = [.. observers];
        if (sqliteConnectionString is null) return;
        var csb = new SqliteConnectionStringBuilder(sqliteConnectionString);
        if (csb.Mode == SqliteOpenMode.Memory || csb.DataSource is "" or ":memory:") return;
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
        cancellationToken.ThrowIfCancellationRequested();
        var compiled = query.For(db.Model);
        var session = Rent();
        var rows = new List<T>();
        try
        {
            var command = session.Command(compiled.Sql, parameters.Length);
            for (var i = 0; i < parameters.Length; i++) command.Parameters[i].Value = parameters[i];
            foreach (var observer in _observers) observer.Executing(command);
            var span = DbCommandSpans.Start(command);
            try
            {
                using var reader = command.ExecuteReader();
                while (reader.Read()) rows.Add(compiled.Read(reader));
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
        return new Session(_connectionString!);
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
        private readonly SqliteConnection _connection;
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public Session(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            try
            {
                _connection.Open();
                using var readOnly = _connection.CreateCommand();
                // Reads here are random single-customer lookups: a big page cache per connection buys little and
                // multiplies with the sessions, so each keeps 512 KiB instead of SQLite's 2 MiB.
                readOnly.CommandText = "PRAGMA query_only = 1; PRAGMA cache_size = -512";
                readOnly.ExecuteNonQuery();
            }
            catch
            {
                _connection.Dispose();
                throw;
            }
        }

        public SqliteCommand Command(string sql, int parameterCount)
        {
            if (_commands.TryGetValue(sql, out var command)) return command;
            command = _connection.CreateCommand();
#pragma warning disable CA2100 // The text is a HotQuery's constant clause after a column list from EF's model; values are parameters.
            command.CommandText = sql;
#pragma warning restore CA2100
            for (var i = 0; i < parameterCount; i++)
                command.Parameters.Add("@p" + i.ToString(CultureInfo.InvariantCulture), SqliteType.Integer);
            command.Prepare();
            _commands.Add(sql, command);
            return command;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values) command.Dispose();
            _connection.Dispose();
        }
    }
}
