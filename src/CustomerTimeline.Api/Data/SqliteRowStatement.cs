using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CustomerTimeline.Api.Data;

/// <summary>
/// One prepared SQLite statement of <see cref="RowCommand"/>, bound and stepped through SQLite's own API on the
/// connection's handle, so in whatever transaction the connection has open. Binds exactly what Microsoft.Data.Sqlite
/// would for the provider values EF's model produces here (integers, booleans as 0/1, reals, text, blobs, null);
/// anything else is refused and the row takes Microsoft.Data.Sqlite's path. A failed step is a
/// <see cref="SqliteException"/> with SQLite's message, as from Microsoft.Data.Sqlite.
/// </summary>
internal sealed class SqliteRowStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int[] _indexes;

    private SqliteRowStatement(sqlite3 db, sqlite3_stmt statement, int[] indexes)
    {
        _db = db;
        _statement = statement;
        _indexes = indexes;
    }

    /// <summary>Prepares <paramref name="sql"/>; values are then bound by the position of their name in <paramref name="parameterNames"/>.</summary>
    public static SqliteRowStatement Prepare(SqliteConnection connection, string sql, IReadOnlyList<string> parameterNames)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteNative.Check(db, raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out var statement, out _));
        var indexes = SqliteNative.ParameterIndexes(statement, parameterNames);
        if (indexes.Contains(0) || raw.sqlite3_bind_parameter_count(statement) != indexes.Length)
        {
            statement.Dispose();
            throw new InvalidOperationException("The statement's parameters are not the row's columns.");
        }
        return new SqliteRowStatement(db, statement, indexes);
    }

    public long LastInsertRowId => raw.sqlite3_last_insert_rowid(_db);

    /// <summary>Binds a provider value to the <paramref name="column"/>th name; false for a type Microsoft.Data.Sqlite should bind.</summary>
    public bool TryBind(int column, object? value)
    {
        var index = _indexes[column];
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(_statement, index),
            string text => BindText(index, text),
            long number => raw.sqlite3_bind_int64(_statement, index, number),
            int number => raw.sqlite3_bind_int64(_statement, index, number),
            bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
            double real when double.IsNaN(real) => throw new InvalidOperationException("Cannot store 'NaN' values."),
            double real => raw.sqlite3_bind_double(_statement, index, real),
            byte[] blob => raw.sqlite3_bind_blob(_statement, index, blob),
            _ => -1,
        };
        if (rc == -1) return false;
        SqliteNative.Check(_db, rc);
        return true;
    }

    // UTF-8 by .NET's encoder, as Microsoft.Data.Sqlite does (so malformed UTF-16 is stored the same way); SQLite
    // copies the bytes, so the buffer goes back to the pool at once.
    private int BindText(int index, string text)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            return raw.sqlite3_bind_text(_statement, index, buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Steps the bound statement once; returns the rows it changed.</summary>
    public int Execute()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE) throw SqliteNative.Error(_db, rc);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
        }
    }

    public void Clear() => raw.sqlite3_clear_bindings(_statement);

    public void Dispose() => _statement.Dispose();
}
