using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CustomerTimeline.Tests.Infrastructure;

/// <summary>
/// Counts the SQL queries (SELECTs) EF runs, to prove nested lists load in batches rather than one query per row.
/// Writes such as audit rows are not reads and are not counted.
/// </summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    private void CountIfQuery(DbCommand command)
    {
        if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            Interlocked.Increment(ref _count);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        CountIfQuery(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
        CancellationToken cancellationToken = default)
    {
        CountIfQuery(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}
