using CustomerTimeline.Api.Data;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace CustomerTimeline.Api.Customers;

/// <summary>
/// Turns raw emails, phones and vendor ids into the keys stored in CustomerIdentity, so lookups and
/// identity resolution compare like with like.
/// </summary>
public sealed class IdentityNormalizer(IOptions<IdentityOptions> options)
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static string? NormalizeEmail(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var email = raw.Trim().ToLowerInvariant();
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(char.IsWhiteSpace)
            ? email
            : null;
    }

    /// <summary>E.164 form (+33612345678), or null when the text is not a possible phone number.</summary>
    public string? NormalizePhone(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 40) return null;
        try
        {
            var number = Phones.Parse(raw, options.Value.DefaultRegion);
            return Phones.IsPossibleNumber(number) ? Phones.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>Vendor ids as given, except Dataverse GUIDs, which compare case-insensitively.</summary>
    public static string? NormalizeExternalId(EventSource source, string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 320) return null;
        var id = raw.Trim();
        return source == EventSource.Dataverse ? id.ToLowerInvariant() : id;
    }

    /// <summary>The identity kinds a source's external id may be stored under.</summary>
    public static IdentityKind[] KindsFor(EventSource source) => source switch
    {
        EventSource.Dataverse => [IdentityKind.DataverseContactId],
        EventSource.Zendesk => [IdentityKind.ZendeskUserId],
        EventSource.Matomo => [IdentityKind.MatomoUserId, IdentityKind.MatomoVisitorId],
        EventSource.Typeform => [IdentityKind.TypeformRespondentId],
        _ => [],
    };
}
