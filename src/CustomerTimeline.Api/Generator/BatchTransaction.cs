using System.Data.Common;
using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Generator;

/// <summary>
/// The current batch's transaction, attached to every prepared insert. Disposing without committing rolls the
/// batch back; batches committed earlier stay, so a failed load should be retried into a fresh database.
/// </summary>
internal sealed class BatchTransaction(DbConnection connection, IReadOnlyList<RowCommand> inserters) : IDisposable
{
    private DbTransaction? _transaction;

    public void EnsureStarted()
    {
        if (_transaction is not null) return;
        _transaction = connection.BeginTransaction();
        foreach (var inserter in inserters) inserter.Transaction = _transaction;
    }

    /// <summary>Commits the open batch; false when there was none.</summary>
    public bool Commit()
    {
        if (_transaction is null) return false;
        _transaction.Commit();
        _transaction.Dispose();
        _transaction = null;
        foreach (var inserter in inserters) inserter.Transaction = null;
        return true;
    }

    public void Dispose() => _transaction?.Dispose();
}
