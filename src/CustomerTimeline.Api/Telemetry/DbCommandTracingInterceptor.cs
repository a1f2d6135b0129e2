using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CustomerTimeline.Api.Telemetry;

/// <summary>
/// One span per SQL command EF runs (OpenTelemetry's EF instrumentation is not available here; SqlClient's
/// covers SQL Server only): see <see cref="DbCommandSpans"/>.
/// </summary>
internal sealed class DbCommandTracingInterceptor : DbCommandInterceptor
{
    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Start(command, eventData.CommandId);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Stop(eventData.CommandId, null);
        return base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Start(command, eventData.CommandId);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<int> NonQueryExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Stop(eventData.CommandId, null);
        return base.NonQueryExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Start(command, eventData.CommandId);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<object?> ScalarExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Stop(eventData.CommandId, null);
        return base.ScalarExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Stop(eventData.CommandId, eventData.Exception);
        return base.CommandFailedAsync(command, eventData, cancellationToken);
    }

    // EF reports a cancelled command here, not as a failure.
    public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Stop(eventData.CommandId, new OperationCanceledException());
        return base.CommandCanceledAsync(command, eventData, cancellationToken);
    }

    // Keyed by EF's id for one execution: a weak table keyed by the command took a GC handle per command, which every
    // collection scans (bench/README, 2026-12-02 04:38). Every execution started here ends in one of the calls above.
    private static readonly ConcurrentDictionary<Guid, Activity> Running = new();

    private static void Start(DbCommand command, Guid commandId)
    {
        if (DbCommandSpans.Start(command) is { } activity) Running[commandId] = activity;
    }

    private static void Stop(Guid commandId, Exception? error)
    {
        if (Running.TryRemove(commandId, out var activity)) DbCommandSpans.Stop(activity, error);
    }
}
