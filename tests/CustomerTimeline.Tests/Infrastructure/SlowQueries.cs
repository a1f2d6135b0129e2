using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CustomerTimeline.Tests.Infrastructure;

/// <summary>Makes every query wait (cancellably), to stand in for an expensive query on a large database.</summary>
public sealed class SlowQueries(TimeSpan delay) : DbCommandInterceptor
{
    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            await Task.Delay(delay, cancellationToken);
        return await base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}
