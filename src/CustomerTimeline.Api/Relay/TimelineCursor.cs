using System.Buffers.Text;
using System.Globalization;
using System.Text;
using CustomerTimeline.Api.GraphQLServer;

namespace CustomerTimeline.Api.Relay;

/// <summary>Keyset position in a timeline: (occurred-at, id) breaks ties between equal timestamps.</summary>
public readonly record struct TimelineCursor(long OccurredAtTicks, long Id)
{
    private const string Prefix = "t1:";

    public DateTimeOffset OccurredAt => new(OccurredAtTicks, TimeSpan.Zero);

    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{OccurredAtTicks}:{Id}")));

    public static TimelineCursor Parse(string cursor, string argument)
    {
        if (TryDecode(cursor, out var value)) return value;
        throw new UserInputError($"'{argument}' is not a valid timeline cursor.");
    }

    private static bool TryDecode(string cursor, out TimelineCursor value)
    {
        value = default;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 128) return false;
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return false;
        }
        if (!text.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var parts = text[Prefix.Length..].Split(':');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || ticks > DateTimeOffset.MaxValue.UtcTicks || id <= 0)
            return false;
        value = new TimelineCursor(ticks, id);
        return true;
    }
}
