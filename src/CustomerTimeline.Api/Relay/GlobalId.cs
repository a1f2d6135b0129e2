using System.Buffers.Text;
using System.Globalization;
using System.Text;
using CustomerTimeline.Api.GraphQLServer;

namespace CustomerTimeline.Api.Relay;

/// <summary>Opaque Relay ids: base64url of "Type:databaseId", so clients never build or parse them.</summary>
public static class GlobalId
{
    public const string CustomerType = "Customer";
    public const string EventType = "TimelineEvent";

    public static string Encode(string type, long id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{type}:{id}")));

    public static bool TryDecode(string? globalId, out string type, out long id)
    {
        type = "";
        id = 0;
        if (string.IsNullOrEmpty(globalId) || globalId.Length > 128) return false;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(globalId);
        }
        catch (FormatException)
        {
            return false;
        }
        var text = Encoding.UTF8.GetString(bytes);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return false;
        type = text[..colon];
        return long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
    }

    /// <summary>Decodes an id that must be of one type; a malformed or foreign id is a caller error.</summary>
    public static long Expect(string? globalId, string type, string argument = "id") =>
        TryDecode(globalId, out var actual, out var id) && actual == type
            ? id
            : throw new UserInputError($"'{argument}' is not a valid {type} id.");
}
