using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CustomerTimeline.Api.Data;

/// <summary>
/// Keeps EF's SQLite connection open from a request's first EF query to the request's end, for the contexts that
/// asked (<see cref="SqliteTimelineDbContext.KeepConnectionOnceOpened"/>). EF otherwise opens and closes it around
/// each query, and every open of a pooled connection has Microsoft.Data.Sqlite register EF's twelve SQL functions on
/// it again, a finalizable GC handle each. Opening it up front instead made requests that never query through EF
/// (the agent console's hot reads) pay that too: ~20 µs and ~6 KB of finalizable garbage per request.
/// </summary>
/// <remarks>
/// Only EF's close after a query is skipped: the pool closes the connection itself when the context goes back
/// (not through this interceptor), and EF's own open count is left balanced for the next lease.
/// </remarks>
internal sealed class SqliteConnectionKeeper : DbConnectionInterceptor
{
    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        Kept(eventData) ? InterceptionResult.Suppress() : result;

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(Kept(eventData) ? InterceptionResult.Suppress() : result);

    private static bool Kept(ConnectionEventData eventData) => eventData.Context is SqliteTimelineDbContext { KeepsConnectionOpen: true };
}
