using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CustomerTimeline.Api.Telemetry;

/// <summary>
/// One span per SQL command EF runs (OpenTelemetry's EF instrumentation is not available here; SqlClient's
/// covers SQL Server only). The statement text is parameterized; parameter values are never recorded.
/// </summary>
internal sealed class DbCommandTracingInterceptor : DbCommandInterceptor
{
    private const int MaxStatementLength = 2_000;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Start(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Stop(command, null);
        return base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Start(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<int> NonQueryExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Stop(command, null);
        return base.NonQueryExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Start(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<object?> ScalarExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Stop(command, null);
        return base.ScalarExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Stop(command, eventData.Exception);
        return base.CommandFailedAsync(command, eventData, cancellationToken);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbCommand, Activity> Running = [];

    private static void Start(DbCommand command)
    {
        if (!TimelineTelemetry.Source.HasListeners()) return;
        var text = command.CommandText;
        var (operation, spanName) = OperationOf(text);
        var activity = TimelineTelemetry.Source.StartActivity(spanName, ActivityKind.Client);
        if (activity is null) return;
        activity.SetTag("db.system", command.GetType().Name.Contains("Sqlite", StringComparison.Ordinal) ? "sqlite" : "mssql");
        activity.SetTag("db.operation.name", operation);
        activity.SetTag("db.query.text", text.Length > MaxStatementLength ? text[..MaxStatementLength] : text);
        Running.AddOrUpdate(command, activity);
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

    private static void Stop(DbCommand command, Exception? error)
    {
        if (!Running.TryGetValue(command, out var activity)) return;
        Running.Remove(command);
        if (error is not null) activity.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        activity.Dispose();
    }
}
