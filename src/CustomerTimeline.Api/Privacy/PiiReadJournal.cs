using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CustomerTimeline.Api.Privacy;

/// <summary>
/// Moves PII reads from their journal (<see cref="PiiReadJournalEntry"/>) into the audit log, oldest first, each
/// chunk in one transaction: the audit rows are inserted and the journal rows deleted together, so a read is never
/// lost or audited twice, whether the fold stops half-way or another instance folds at the same time.
/// </summary>
internal static class PiiReadJournal
{
    /// <summary>Reads per transaction: enough to write each page of the audit's customer index about once per fold,
    /// few enough that the write lock is held for a fraction of a second.</summary>
    public const int DefaultChunkRows = 50_000;

    /// <summary>Folds every read in the journal when called; returns how many reached the audit log.</summary>
    public static async Task<int> FoldAsync(TimelineDbContext db, SqliteWriteGate gate, int chunkRows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        // Reads journaled meanwhile wait for the next fold: under steady load "until the journal is empty" may not end.
        if (await db.PiiReadJournal.MaxAsync(e => (long?)e.Id, ct) is not { } end) return 0;
        var insert = InsertSql(db);
        var strategy = db.Database.CreateExecutionStrategy();
        var folded = 0;
        while (await db.PiiReadJournal.Where(e => e.Id <= end).MinAsync(e => (long?)e.Id, ct) is { } first)
        {
            var last = Math.Min(end, first + chunkRows - 1);
            folded += await strategy.ExecuteAsync(async () =>
            {
                using var turn = await gate.EnterAsync(db, ct);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var inserted = await db.Database.ExecuteSqlRawAsync(
                    insert, [AuditOperation.PiiRead.ToString(), AuditOutcome.Succeeded.ToString(), last], ct);
                var deleted = await db.PiiReadJournal.Where(e => e.Id <= last).ExecuteDeleteAsync(ct);
                // Fewer deleted than inserted: another instance folded some of them meanwhile (SQL Server reads
                // committed rows; SQLite's single writer cannot get here). Undo and read the journal again.
                if (deleted != inserted)
                {
                    await transaction.RollbackAsync(ct);
                    return 0;
                }
                await transaction.CommitAsync(ct);
                return inserted;
            });
        }
        return folded;
    }

    // Names from the EF model, quoted by the provider; the values are parameters ({0} and {1} the stored enum
    // names, {2} the last journal id of the chunk). Inserting in journal order keeps the audit's ids in time order.
    private static string InsertSql(TimelineDbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var audit = db.Model.FindEntityType(typeof(AuditEntry))!;
        var journal = db.Model.FindEntityType(typeof(PiiReadJournalEntry))!;
        string Table(IEntityType t) => sql.DelimitIdentifier(t.GetTableName()!, t.GetSchema());
        string A(string property) => sql.DelimitIdentifier(audit.FindProperty(property)!.GetColumnName());
        string J(string property) => sql.DelimitIdentifier(journal.FindProperty(property)!.GetColumnName());
        string[] shared = [nameof(AuditEntry.OccurredAt), nameof(AuditEntry.ActorTenantId), nameof(AuditEntry.ActorObjectId), nameof(AuditEntry.CustomerId)];
        var into = string.Join(", ", shared.Select(A).Append(A(nameof(AuditEntry.Operation))).Append(A(nameof(AuditEntry.Outcome))));
        var values = string.Join(", ", shared.Select(J).Append("{0}").Append("{1}"));
        var id = J(nameof(PiiReadJournalEntry.Id));
        return $"INSERT INTO {Table(audit)} ({into}) SELECT {values} FROM {Table(journal)} WHERE {id} <= {{2}} ORDER BY {id}";
    }
}
