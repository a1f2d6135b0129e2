using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace CustomerTimeline.Api.Generator;

/// <summary>Saves one batch of tracked entities through EF, keeping the generated customer ids.</summary>
internal static class EfBatch
{
    public static async Task SaveAsync(TimelineDbContext db, CancellationToken ct)
    {
        // SQL Server refuses explicit values in an IDENTITY column unless IDENTITY_INSERT is switched on.
        string? identityTable = null;
        if (db.Database.IsSqlServer())
        {
            var entity = db.Model.FindEntityType(typeof(Customer))!;
            identityTable = db.GetService<ISqlGenerationHelper>().DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        }

        // A retrying execution strategy only accepts user transactions inside ExecuteAsync.
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            if (identityTable is not null) await SetIdentityInsertAsync(db, identityTable, "ON", ct).ConfigureAwait(false);
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct).ConfigureAwait(false);
            if (identityTable is not null) await SetIdentityInsertAsync(db, identityTable, "OFF", ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        db.ChangeTracker.Clear();
    }

    private static Task<int> SetIdentityInsertAsync(TimelineDbContext db, string table, string onOff, CancellationToken ct)
    {
        var sql = "SET IDENTITY_INSERT " + table + " " + onOff; // the table name comes from the model, not from input
        return db.Database.ExecuteSqlRawAsync(sql, ct);
    }
}
