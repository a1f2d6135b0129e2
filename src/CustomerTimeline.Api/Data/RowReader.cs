using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SQLitePCL;

namespace CustomerTimeline.Api.Data;

/// <summary>
/// Builds, from EF's model, the column list of an entity's table and a compiled reader that turns the current row of
/// a SQLite statement into the entity the way EF's materializer would (same columns, same value converters, nulls
/// where the model allows them).
/// </summary>
internal static class RowReader
{
    public static (string Table, string Columns, Func<sqlite3_stmt, T> Read) Build<T>(IEntityType entityType) where T : class
    {
        var table = entityType.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var properties = entityType.GetProperties().ToList();
        if (properties.Any(p => p.IsShadowProperty()))
            throw new InvalidOperationException($"{typeof(T).Name} has shadow properties: a hot read could not set them.");

        var statement = Expression.Parameter(typeof(sqlite3_stmt), "statement");
        var bindings = properties.Select((p, ordinal) => Bind(p, statement, ordinal)).ToList();
        // Every property is bound below, required ones included: the constructor only has to exist.
        var constructor = typeof(T).GetConstructor(Type.EmptyTypes)
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no parameterless constructor.");
        var body = Expression.MemberInit(Expression.New(constructor), bindings);
        var read = Expression.Lambda<Func<sqlite3_stmt, T>>(body, statement).Compile();
        var columns = string.Join(", ", properties.Select(p => $"\"{p.GetColumnName()}\""));
        return (table, columns, read);
    }

    private static MemberAssignment Bind(IProperty property, ParameterExpression statement, int ordinal)
    {
        if (property.PropertyInfo?.GetCustomAttribute<HotReadUtf8Attribute>() is { } utf8)
        {
            if (property.ClrType != typeof(string) || property.IsNullable)
                throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name}: only required text columns can be read as UTF-8.");
            var target = property.DeclaringType.ClrType.GetProperty(utf8.Member, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                ?? throw new InvalidOperationException($"{property.DeclaringType.DisplayName()} has no {utf8.Member} to read {property.Name} into.");
            return Expression.Bind(target, Expression.Call(Column(nameof(Columns.Utf8)), statement, Expression.Constant(ordinal)));
        }

        var converter = property.GetTypeMapping().Converter ?? property.GetValueConverter();
        var modelType = property.ClrType;
        Expression value;
        if (converter is null)
        {
            value = Get(statement, ordinal, Nullable.GetUnderlyingType(modelType) ?? modelType, property);
        }
        else if (IsEnumByName(converter, modelType))
        {
            // Stored by name: matched from the column's UTF-8 without a string (three per timeline row); anything
            // else (a number, an unknown name) goes through EF's own converter as before.
            var enumType = Nullable.GetUnderlyingType(modelType) ?? modelType;
            var fromProvider = converter.ConvertFromProviderExpression;
            var fallback = Expression.Lambda(typeof(Func<,>).MakeGenericType(typeof(string), enumType),
                Expression.Convert(Expression.Invoke(fromProvider, fromProvider.Parameters[0]), enumType), fromProvider.Parameters[0]).Compile();
            value = Expression.Call(typeof(Columns).GetMethod(nameof(Columns.EnumByName))!.MakeGenericMethod(enumType),
                statement, Expression.Constant(ordinal), Expression.Constant(fallback));
        }
        else
        {
            var fromProvider = converter.ConvertFromProviderExpression;
            var providerType = fromProvider.Parameters[0].Type;
            var raw = Get(statement, ordinal, Nullable.GetUnderlyingType(providerType) ?? providerType, property);
            value = Expression.Invoke(fromProvider, Expression.Convert(raw, providerType));
        }
        if (value.Type != modelType) value = Expression.Convert(value, modelType);
        if (property.IsNullable)
        {
            value = Expression.Condition(
                Expression.Call(Column(nameof(Columns.IsNull)), statement, Expression.Constant(ordinal)), Expression.Default(modelType), value);
        }

        MemberInfo member = property.PropertyInfo is { CanWrite: true } settable ? settable
            : property.FieldInfo ?? throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} cannot be set.");
        return Expression.Bind(member, value);
    }

    private static bool IsEnumByName(ValueConverter converter, Type modelType) =>
        converter.ProviderClrType == typeof(string) && (Nullable.GetUnderlyingType(modelType) ?? modelType).IsEnum;

    private static MethodCallExpression Get(ParameterExpression statement, int ordinal, Type type, IProperty property)
    {
        var name = type == typeof(long) ? nameof(Columns.Int64)
            : type == typeof(string) && property.PropertyInfo?.GetCustomAttribute<HotReadSharedAttribute>() is not null ? nameof(Columns.Shared)
            : type == typeof(int) ? nameof(Columns.Int32)
            : type == typeof(string) ? nameof(Columns.Text)
            : type == typeof(double) ? nameof(Columns.Double)
            : type == typeof(bool) ? nameof(Columns.Boolean)
            : throw new NotSupportedException($"{property.DeclaringType.DisplayName()}.{property.Name}: hot reads do not read {type.Name} columns.");
        return Expression.Call(Column(name), statement, Expression.Constant(ordinal));
    }

    private static MethodInfo Column(string name) => typeof(Columns).GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    /// <summary>Column values of the current row, converted as Microsoft.Data.Sqlite's reader converts them.</summary>
    public static class Columns
    {
        public static bool IsNull(sqlite3_stmt statement, int ordinal) => raw.sqlite3_column_type(statement, ordinal) == raw.SQLITE_NULL;

        public static long Int64(sqlite3_stmt statement, int ordinal) => raw.sqlite3_column_int64(statement, ordinal);

        public static int Int32(sqlite3_stmt statement, int ordinal) => checked((int)raw.sqlite3_column_int64(statement, ordinal));

        public static double Double(sqlite3_stmt statement, int ordinal) => raw.sqlite3_column_double(statement, ordinal);

        public static bool Boolean(sqlite3_stmt statement, int ordinal) => raw.sqlite3_column_int64(statement, ordinal) != 0;

        public static string Text(sqlite3_stmt statement, int ordinal) => raw.sqlite3_column_text(statement, ordinal).utf8_to_string();

        // Values seen in columns marked HotReadShared; bounded, so a column that turns out not to repeat only stops sharing.
        private const int SharedCapacity = 4_096;
        private static readonly ConcurrentDictionary<string, string> SharedValues = new(StringComparer.Ordinal);
        private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> SharedByChars =
            SharedValues.GetAlternateLookup<ReadOnlySpan<char>>();
        private static int _sharedCount;

        /// <summary>The one string of a repeating value (stage keys, intent lists): no copy per row.</summary>
        public static string Shared(sqlite3_stmt statement, int ordinal)
        {
            var utf8 = raw.sqlite3_column_blob(statement, ordinal);
            Span<char> chars = stackalloc char[256];
            if (utf8.Length > chars.Length || !Encoding.UTF8.TryGetChars(utf8, chars, out var length)) return Text(statement, ordinal);
            if (SharedByChars.TryGetValue(chars[..length], out var same)) return same;
            var value = new string(chars[..length]);
            if (Volatile.Read(ref _sharedCount) >= SharedCapacity) return value;
            var shared = SharedValues.GetOrAdd(value, value);
            if (ReferenceEquals(shared, value)) Interlocked.Increment(ref _sharedCount);
            return shared;
        }

        /// <summary>A text column's stored UTF-8.</summary>
        public static byte[] Utf8(sqlite3_stmt statement, int ordinal) => raw.sqlite3_column_blob(statement, ordinal).ToArray();

        /// <summary>An enum stored by name, matched from the column's UTF-8; <paramref name="fallback"/> reads anything else.</summary>
        public static TEnum EnumByName<TEnum>(sqlite3_stmt statement, int ordinal, Func<string, TEnum> fallback) where TEnum : struct, Enum =>
            TryEnum<TEnum>(statement, ordinal, out var value) ? value : fallback(Text(statement, ordinal));

        /// <summary>Matches the column's text against <typeparamref name="TEnum"/>'s names as <see cref="Enum.TryParse{TEnum}(string, out TEnum)"/> does.</summary>
        public static bool TryEnum<TEnum>(sqlite3_stmt statement, int ordinal, out TEnum value) where TEnum : struct, Enum
        {
            Span<char> name = stackalloc char[64];
            var utf8 = raw.sqlite3_column_blob(statement, ordinal);
            if (utf8.Length <= name.Length && Encoding.UTF8.TryGetChars(utf8, name, out var length))
                return Enum.TryParse(name[..length], out value);
            value = default;
            return false;
        }
    }
}
