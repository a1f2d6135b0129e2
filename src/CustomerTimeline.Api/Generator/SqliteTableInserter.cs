using System.Data.Common;
using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CustomerTimeline.Api.Generator;

/// <summary>
/// One prepared, parameterized INSERT for an entity type, reused for every row. Table, columns and value
/// conversions all come from the EF model, so the rows are exactly what EF itself would have written.
/// </summary>
internal sealed class SqliteTableInserter : IDisposable
{
    private readonly DbCommand _command;
    private readonly (IClrPropertyGetter Getter, ValueConverter? Converter, DbParameter Parameter)[] _columns;

    public SqliteTableInserter(TimelineDbContext db, DbConnection connection, Type clrType, bool includeKey)
    {
        var entity = db.Model.FindEntityType(clrType)
            ?? throw new InvalidOperationException($"{clrType.Name} is not part of the model.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().Where(p => includeKey || !p.IsPrimaryKey()).ToArray();

        _command = connection.CreateCommand();
        _columns = new (IClrPropertyGetter, ValueConverter?, DbParameter)[properties.Length];
        for (var i = 0; i < properties.Length; i++)
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = "$p" + i;
            _command.Parameters.Add(parameter);
            var p = properties[i];
            _columns[i] = (p.GetGetter(), p.GetTypeMapping().Converter, parameter);
        }
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName())));
        var values = string.Join(", ", _columns.Select(c => c.Parameter.ParameterName));
#pragma warning disable CA2100 // Identifiers come from the EF model, values are parameters.
        _command.CommandText = $"INSERT INTO {table} ({columns}) VALUES ({values})";
#pragma warning restore CA2100
    }

    public DbTransaction? Transaction
    {
        set => _command.Transaction = value;
    }

    public void Insert(object entity)
    {
        foreach (var c in _columns)
        {
            var value = c.Getter.GetClrValueUsingContainingEntity(entity);
            if (value is not null && c.Converter is not null) value = c.Converter.ConvertToProvider(value);
            c.Parameter.Value = value ?? DBNull.Value;
        }
        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
