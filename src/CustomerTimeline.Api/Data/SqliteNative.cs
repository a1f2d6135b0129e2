using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CustomerTimeline.Api.Data;

/// <summary>What the statements stepped through SQLite's own API (hot reads, row statements) share.</summary>
internal static class SqliteNative
{
    /// <summary>The error SQLite reports for <paramref name="rc"/>, as Microsoft.Data.Sqlite would raise it.</summary>
    public static SqliteException Error(sqlite3 db, int rc) =>
        new(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));

    /// <summary>Throws SQLite's error unless <paramref name="rc"/> is <c>SQLITE_OK</c>.</summary>
    public static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK) throw Error(db, rc);
    }

    /// <summary>The 1-based index of each named parameter in the statement; 0 for a name it does not have.</summary>
    public static int[] ParameterIndexes(sqlite3_stmt statement, IReadOnlyList<string> names)
    {
        var indexes = new int[names.Count];
        for (var i = 0; i < names.Count; i++) indexes[i] = raw.sqlite3_bind_parameter_index(statement, names[i]);
        return indexes;
    }
}
