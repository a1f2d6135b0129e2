using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CustomerTimeline.Api.Data;

/// <summary>
/// One parameterized single-row INSERT or UPDATE for an entity type, prepared once and executed for every row of a
/// batch. EF's SaveChanges builds, prepares and diffs each statement anew, which made it most of the cost of bulk
/// writes; table, columns and value conversions come from the EF model, so the rows are exactly what EF would
/// have written. Runs on the context's connection, in its current transaction when there is one. On SQLite the
/// statement is stepped through SQLite's own API (<see cref="SqliteRowStatement"/>): Microsoft.Data.Sqlite allocated a
/// binder per parameter and boxed every value, most of what a bulk write allocated.
/// </summary>
internal sealed class RowCommand : IDisposable
{
    private readonly DbCommand _command;
    private readonly Column[] _columns;
    private readonly bool _returnsKey;
    private readonly bool _sqliteRowId;
    private SqliteRowStatement? _sqlite;

    private RowCommand(DbCommand command, Column[] columns, bool returnsKey, bool sqliteRowId = false)
    {
        _command = command;
        _columns = columns;
        _returnsKey = returnsKey;
        _sqliteRowId = sqliteRowId;
    }

    /// <summary>INSERT of every column (the key too when <paramref name="includeKey"/>; else, when
    /// <paramref name="returnKey"/>, the generated key is returned by <see cref="InsertAsync"/>).</summary>
    public static RowCommand Insert(TimelineDbContext db, Type clrType, bool includeKey, bool returnKey = false)
    {
        var (entity, sql) = Describe(db, clrType);
        var properties = entity.GetProperties().Where(p => includeKey || !p.IsPrimaryKey()).ToArray();
        var command = CreateCommand(db);
        var columns = Bind(command, properties);
        var names = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName())));
        var values = string.Join(", ", columns.Select(c => c.Parameter.ParameterName));
        var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var key = returnKey && !includeKey ? sql.DelimitIdentifier(entity.FindPrimaryKey()!.Properties.Single().GetColumnName()) : null;
        // SQLite hands the new rowid (the integer key) to the connection: no result set to read per row.
        var rowId = key is not null && command is SqliteCommand;
#pragma warning disable CA2100 // Identifiers come from the EF model, values are parameters.
        command.CommandText = key is null || rowId
            ? $"INSERT INTO {table} ({names}) VALUES ({values})"
            : $"INSERT INTO {table} ({names}) OUTPUT INSERTED.{key} VALUES ({values})";
#pragma warning restore CA2100
        return new RowCommand(command, columns, key is not null, rowId);
    }

    /// <summary>UPDATE of the named properties of the row with the entity's (single-column) key.</summary>
    public static RowCommand Update(TimelineDbContext db, Type clrType, IReadOnlyList<string> propertyNames)
    {
        var (entity, sql) = Describe(db, clrType);
        var set = propertyNames.Select(n => entity.FindProperty(n) ?? throw new ArgumentException($"{clrType.Name} has no property {n}.", nameof(propertyNames))).ToArray();
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var command = CreateCommand(db);
        var columns = Bind(command, [.. set, key]);
        var assignments = string.Join(", ", set.Select((p, i) => $"{sql.DelimitIdentifier(p.GetColumnName())} = {columns[i].Parameter.ParameterName}"));
        var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
#pragma warning disable CA2100 // Identifiers come from the EF model, values are parameters.
        command.CommandText = $"UPDATE {table} SET {assignments} WHERE {sql.DelimitIdentifier(key.GetColumnName())} = {columns[^1].Parameter.ParameterName}";
#pragma warning restore CA2100
        return new RowCommand(command, columns, returnsKey: false);
    }

    /// <summary>The transaction the statements run in; by default the context's current one at creation.</summary>
    public DbTransaction? Transaction
    {
        set => _command.Transaction = value;
    }

    // A failing statement surfaces as DbUpdateException, as it would from SaveChanges, so callers that retry a
    // unique-key clash with a concurrent writer (the page writer) treat both paths alike.

    /// <summary>Synchronous execution, for SQLite bulk loads (its async methods complete synchronously anyway).</summary>
    public int Execute(object entity)
    {
        try
        {
            if (Sqlite(entity) is { } statement) return statement.Execute();
            BindValues(entity);
            return _command.ExecuteNonQuery();
        }
        catch (DbException e)
        {
            throw Failed(e);
        }
    }

    public async Task<int> ExecuteAsync(object entity, CancellationToken ct)
    {
        try
        {
            if (Sqlite(entity) is { } statement) return statement.Execute();
            BindValues(entity);
            return await _command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw Failed(e);
        }
    }

    /// <summary>Inserts the row and returns its generated key (a command made with returnKey).</summary>
    public async Task<long> InsertAsync(object entity, CancellationToken ct)
    {
        if (!_returnsKey) throw new InvalidOperationException("This command does not return the generated key.");
        try
        {
            if (_sqliteRowId && Sqlite(entity) is { } statement)
            {
                statement.Execute();
                return statement.LastInsertRowId;
            }
            BindValues(entity);
            if (_sqliteRowId)
            {
                // Synchronous, as Microsoft.Data.Sqlite's async methods are anyway.
                _command.ExecuteNonQuery();
                return SQLitePCL.raw.sqlite3_last_insert_rowid(((SqliteConnection)_command.Connection!).Handle);
            }
            var key = await _command.ExecuteScalarAsync(ct).ConfigureAwait(false);
            return Convert.ToInt64(key, CultureInfo.InvariantCulture);
        }
        catch (DbException e)
        {
            throw Failed(e);
        }
    }

    // The provider's message stays on the inner exception: SQL Server's quotes the clashing key's value.
    private static DbUpdateException Failed(DbException e) => new("A prepared row statement failed.", e);

    public void Dispose()
    {
        _sqlite?.Dispose();
        _command.Dispose();
    }

    /// <summary>The SQLite statement with this entity's values bound, or null where Microsoft.Data.Sqlite binds them.</summary>
    private SqliteRowStatement? Sqlite(object entity)
    {
        if (_command is not SqliteCommand { Connection: { } connection }) return null;
        _sqlite ??= SqliteRowStatement.Prepare(connection, _command.CommandText, [.. _columns.Select(c => c.Parameter.ParameterName)]);
        for (var i = 0; i < _columns.Length; i++)
        {
            if (!_sqlite.TryBind(i, ProviderValue(_columns[i], entity)))
            {
                _sqlite.Clear();
                return null; // a type this path does not bind: the whole row goes through Microsoft.Data.Sqlite
            }
        }
        return _sqlite;
    }

    private void BindValues(object entity)
    {
        foreach (var c in _columns) c.Parameter.Value = ProviderValue(c, entity) ?? DBNull.Value;
    }

    /// <summary>The column's value as the database stores it (after the model's value converter).</summary>
    private static object? ProviderValue(Column c, object entity)
    {
        var value = c.Getter.GetClrValueUsingContainingEntity(entity);
        return value is not null && c.Converter is not null ? c.Converter.ConvertToProvider(value) : value;
    }

    private static (IEntityType Entity, ISqlGenerationHelper Sql) Describe(TimelineDbContext db, Type clrType) =>
        (db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not part of the model."),
            db.GetService<ISqlGenerationHelper>());

    private static DbCommand CreateCommand(TimelineDbContext db)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    private static Column[] Bind(DbCommand command, IProperty[] properties)
    {
        var columns = new Column[properties.Length];
        for (var i = 0; i < properties.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add(parameter);
            var p = properties[i];
            columns[i] = new Column(p.GetGetter(), p.GetTypeMapping().Converter, parameter);
        }
        return columns;
    }

    private readonly record struct Column(IClrPropertyGetter Getter, ValueConverter? Converter, DbParameter Parameter);
}
