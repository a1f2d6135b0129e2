using System.Data.Common;
using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CustomerTimeline.Tests.Infrastructure;

/// <summary>
/// Counts the SQL queries (SELECTs) EF and the hot-read pool run, to prove nested lists load in batches rather than
/// one query per row. Writes such as audit rows are not reads and are not counted.
/// </summary>
public sealed class CommandCounter : DbCommandInterceptor, IHotReadObserver
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    private void CountIfQuery(string sql)
    {
        if (sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            Interlocked.Increment(ref _count);
    }

    public void Executing(string sql) => CountIfQuery(sql);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        CountIfQuery(command.CommandText);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
        CancellationToken cancellationToken = default)
    {
        CountIfQuery(command.CommandText);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}
