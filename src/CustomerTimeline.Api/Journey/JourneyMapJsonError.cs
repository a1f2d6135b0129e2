using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CustomerTimeline.Api.Journey;

/// <summary>
/// What a map author reads when the map's JSON does not fit its shape. System.Text.Json names the .NET type it could
/// not fill ("could not be converted to System.Collections.Generic.IReadOnlyList`1[…]"): the author is told which
/// JSON value belongs there instead, and the API's type names stay inside.
/// </summary>
internal static partial class JourneyMapJsonError
{
    public static string Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        var at = exception.Path ?? "$";
        return ConvertedTo().Match(message) is { Success: true } match
            ? $"The map does not fit its format at {at}: expected {Expected(match.Groups[1].Value, at)}."
            : $"The map is not valid JSON at {at}: {message}";
    }

    private static string Expected(string typeName, string path)
    {
        if (NullableOf().Match(typeName) is { Success: true } nullable) typeName = nullable.Groups[1].Value;
        var type = Type.GetType(typeName) ?? typeof(JourneyMapDefinition).Assembly.GetType(typeName);
        if (type is null) return typeName.Contains("List`1", StringComparison.Ordinal) || typeName.EndsWith("[]", StringComparison.Ordinal) ? "an array" : "an object";
        // A record's constructor parameter that did not fit is reported as the record itself: the path names it.
        var member = path[(path.LastIndexOf('.') + 1)..];
        if (path.Contains('.', StringComparison.Ordinal) && !member.EndsWith(']') && !IsValue(type)
            && type.GetProperty(member, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { } property)
            type = property.PropertyType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type));
        if (type == typeof(string)) return "a string";
        if (type == typeof(bool)) return "true or false";
        if (type.IsPrimitive || type == typeof(decimal)) return "a number";
        return typeof(IEnumerable).IsAssignableFrom(type) ? "an array" : "an object";
    }

    private static bool IsValue(Type type) => type.IsEnum || type.IsPrimitive || type == typeof(string) || typeof(IEnumerable).IsAssignableFrom(type);

    [GeneratedRegex(@"^The JSON value could not be converted to (.+?)\.?$")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"^System\.Nullable`1\[(.+)\]$")]
    private static partial Regex NullableOf();
}
