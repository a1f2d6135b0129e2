using System.Globalization;
using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CustomerTimeline.Tests.Infrastructure;

/// <summary>Reads a setting of the SQLite connection a context opens (in the context's transaction, if one is open).</summary>
public static class SqlitePragma
{
    public static async Task<long> ReadAsync(TimelineDbContext db, string name)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA " + name;
            if (db.Database.CurrentTransaction is { } tx) command.Transaction = tx.GetDbTransaction();
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
