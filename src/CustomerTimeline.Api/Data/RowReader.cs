using System.Linq.Expressions;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CustomerTimeline.Api.Data;

/// <summary>
/// Builds, from EF's model, the column list of an entity's table and a compiled reader that turns one row into the
/// entity the way EF's materializer would (same columns, same value converters, nulls where the model allows them).
/// </summary>
internal static class RowReader
{
    public static (string Table, string Columns, Func<SqliteDataReader, T> Read) Build<T>(IEntityType entityType) where T : class
    {
        var table = entityType.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var properties = entityType.GetProperties().ToList();
        if (properties.Any(p => p.IsShadowProperty()))
            throw new InvalidOperationException($"{typeof(T).Name} has shadow properties: a hot read could not set them.");

        var reader = Expression.Parameter(typeof(SqliteDataReader), "reader");
        var bindings = properties.Select((p, ordinal) => Bind(p, reader, ordinal)).ToList();
        // Every property is bound below, required ones included: the constructor only has to exist.
        var constructor = typeof(T).GetConstructor(Type.EmptyTypes)
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no parameterless constructor.");
        var body = Expression.MemberInit(Expression.New(constructor), bindings);
        var read = Expression.Lambda<Func<SqliteDataReader, T>>(body, reader).Compile();
        var columns = string.Join(", ", properties.Select(p => $"\"{p.GetColumnName()}\""));
        return (table, columns, read);
    }

    private static MemberAssignment Bind(IProperty property, ParameterExpression reader, int ordinal)
    {
        var converter = property.GetTypeMapping().Converter ?? property.GetValueConverter();
        var modelType = property.ClrType;
        Expression value;
        if (converter is null)
        {
            value = Get(reader, ordinal, Nullable.GetUnderlyingType(modelType) ?? modelType);
        }
        else
        {
            var fromProvider = converter.ConvertFromProviderExpression;
            var providerType = fromProvider.Parameters[0].Type;
            var raw = Get(reader, ordinal, Nullable.GetUnderlyingType(providerType) ?? providerType);
            value = Expression.Invoke(fromProvider, Expression.Convert(raw, providerType));
        }
        if (value.Type != modelType) value = Expression.Convert(value, modelType);
        if (property.IsNullable)
        {
            value = Expression.Condition(
                Expression.Call(reader, IsDBNull, Expression.Constant(ordinal)), Expression.Default(modelType), value);
        }

        MemberInfo member = property.PropertyInfo is { CanWrite: true } settable ? settable
            : property.FieldInfo ?? throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} cannot be set.");
        return Expression.Bind(member, value);
    }

    private static MethodCallExpression Get(ParameterExpression reader, int ordinal, Type type)
    {
        var index = Expression.Constant(ordinal);
        return type == typeof(long) ? Expression.Call(reader, Method(nameof(SqliteDataReader.GetInt64)), index)
            : type == typeof(int) ? Expression.Call(reader, Method(nameof(SqliteDataReader.GetInt32)), index)
            : type == typeof(string) ? Expression.Call(reader, Method(nameof(SqliteDataReader.GetString)), index)
            : type == typeof(double) ? Expression.Call(reader, Method(nameof(SqliteDataReader.GetDouble)), index)
            : type == typeof(bool) ? Expression.Call(reader, Method(nameof(SqliteDataReader.GetBoolean)), index)
            : Expression.Call(reader, GetFieldValue.MakeGenericMethod(type), index);
    }

    private static MethodInfo Method(string name) => typeof(SqliteDataReader).GetMethod(name, [typeof(int)])!;

    private static readonly MethodInfo IsDBNull = Method(nameof(SqliteDataReader.IsDBNull));

    private static readonly MethodInfo GetFieldValue = typeof(SqliteDataReader).GetMethods()
        .Single(m => m.Name == nameof(SqliteDataReader.GetFieldValue) && m.IsGenericMethodDefinition);
}
