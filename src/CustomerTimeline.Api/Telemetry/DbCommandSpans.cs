using System.Data.Common;
using System.Diagnostics;

namespace CustomerTimeline.Api.Telemetry;

/// <summary>
/// One span per SQL command, for EF's commands (<see cref="DbCommandTracingInterceptor"/>) and the hot reads that
/// run outside EF (<see cref="Data.SqliteReadPool"/>). The statement text is parameterized; parameter values are
/// never recorded.
/// </summary>
internal static class DbCommandSpans
{
    private const int MaxStatementLength = 2_000;

    /// <summary>Null when nothing listens (no exporter configured): then this costs one check.</summary>
    public static Activity? Start(DbCommand command)
    {
        if (!TimelineTelemetry.Source.HasListeners()) return null;
        return Start(command.CommandText, command.GetType().Name.Contains("Sqlite", StringComparison.Ordinal) ? "sqlite" : "mssql");
    }

    /// <summary>A statement run outside ADO.NET's command objects (<paramref name="system"/>: "sqlite", "mssql").</summary>
    public static Activity? Start(string text, string system)
    {
        if (!TimelineTelemetry.Source.HasListeners()) return null;
        var (operation, spanName) = OperationOf(text);
        var activity = TimelineTelemetry.Source.StartActivity(spanName, ActivityKind.Client);
        if (activity is null) return null;
        activity.SetTag("db.system", system);
        activity.SetTag("db.operation.name", operation);
        activity.SetTag("db.query.text", text.Length > MaxStatementLength ? text[..MaxStatementLength] : text);
        return activity;
    }

    public static void Stop(Activity activity, Exception? error)
    {
        if (error is not null) activity.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        activity.Dispose();
    }

    /// <summary>The statement's first word, without copying the statement (this runs for every command).</summary>
    private static (string Operation, string SpanName) OperationOf(string text)
    {
        var word = text.AsSpan().TrimStart();
        var end = word.IndexOfAny(" \t\r\n(");
        if (end >= 0) word = word[..end];
        foreach (var known in KnownOperations)
        {
            if (word.Equals(known.Operation, StringComparison.OrdinalIgnoreCase)) return known;
        }
        var operation = word.ToString().ToUpperInvariant();
        return (operation, "db " + operation);
    }

    private static readonly (string Operation, string SpanName)[] KnownOperations =
        [.. new[] { "SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "PRAGMA", "BEGIN", "COMMIT", "CREATE", "DROP", "ALTER", "MERGE", "SET" }
            .Select(o => (o, "db " + o))];
}
