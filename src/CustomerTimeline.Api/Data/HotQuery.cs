using Microsoft.EntityFrameworkCore.Metadata;
using SQLitePCL;

namespace CustomerTimeline.Api.Data;

/// <summary>
/// A hot read of whole <typeparamref name="T"/> rows by hand-written SQL (see <see cref="SqliteReadPool"/>):
/// only the clause after <c>FROM "Table"</c> is written here, with parameters <c>@p0</c>, <c>@p1</c>...; the
/// column list and how each column becomes a property come from EF's model (<see cref="RowReader"/>), so a column
/// added to the model is read here too.
/// </summary>
public sealed class HotQuery<T>(string clause, int parameterCount) where T : class
{
    private Compiled? _compiled;

    public int ParameterCount { get; } = parameterCount;

    internal Compiled For(IModel model)
    {
        // One model in practice (every SQLite context shares it); another one gets its own column list.
        if (Volatile.Read(ref _compiled) is { } compiled && ReferenceEquals(compiled.Model, model)) return compiled;
        var entityType = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var (table, columns, read) = RowReader.Build<T>(entityType);
        // Racing first calls build the same thing; either result is fine.
        compiled = new Compiled(model, $"SELECT {columns} FROM \"{table}\" {clause}", read);
        Volatile.Write(ref _compiled, compiled);
        return compiled;
    }

    internal sealed record Compiled(IModel Model, string Sql, Func<sqlite3_stmt, T> Read);
}
