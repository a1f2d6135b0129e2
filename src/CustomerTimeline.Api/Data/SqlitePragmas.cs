using System.Data.Common;
using System.Globalization;

namespace CustomerTimeline.Api.Data;

/// <summary>
/// Per-connection SQLite settings changed for one piece of work and put back after it: they belong to the pooled
/// native connection, so whoever opens it next would otherwise inherit them.
/// </summary>
internal static class SqlitePragmas
{
    /// <summary>Reads every setting, then sets them in order; disposing the result sets them back, last first.</summary>
    public static IDisposable Override(DbConnection connection, params (string Name, long Value)[] settings)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(settings);
        var previous = settings.Select(s => (s.Name, Value: Run(connection, s.Name, null))).ToArray();
        var restore = new Restore(connection, previous);
        try
        {
            foreach (var (name, value) in settings) Run(connection, name, value);
        }
        catch
        {
            restore.Dispose();
            throw;
        }
        return restore;
    }

    // Synchronous: Microsoft.Data.Sqlite's async methods complete synchronously anyway.
    private static long Run(DbConnection connection, string name, long? value)
    {
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Pragma names are constants of the callers; values are numbers.
        command.CommandText = value is null ? $"PRAGMA {name}" : $"PRAGMA {name} = {value.Value.ToString(CultureInfo.InvariantCulture)}";
#pragma warning restore CA2100
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    private sealed class Restore(DbConnection connection, (string Name, long Value)[] previous) : IDisposable
    {
        public void Dispose()
        {
            for (var i = previous.Length - 1; i >= 0; i--) Run(connection, previous[i].Name, previous[i].Value);
        }
    }
}
