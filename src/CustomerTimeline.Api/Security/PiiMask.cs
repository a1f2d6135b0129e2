using System.Text;
using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Security;

/// <summary>
/// The documented masks (docs/security.md). A mask keeps enough shape for an agent to recognise the kind of
/// value and tell two customers apart, never enough to contact the person.
/// </summary>
public static class PiiMask
{
    public const string Stars = "***";

    /// <summary>Whether the value of a field of this kind on this source is personal data at all.</summary>
    public static bool Applies(PiiKind kind, object? source) => kind switch
    {
        PiiKind.IdentityValue => source is CustomerIdentity i && IsPersonalKey(i.Kind, i.Value),
        PiiKind.EventSummary => source is TimelineEvent
        {
            Kind: EventKind.CrmActivity or EventKind.Ticket or EventKind.TicketMessage or EventKind.SurveyAnswer,
        },
        _ => true,
    };

    /// <summary>
    /// Whether an identity key is personal data: emails, phones, Matomo user ids (a site's login), and any other
    /// vendor id holding an '@' (an email standing in for one: a Typeform respondent without a respondent-id field).
    /// </summary>
    public static bool IsPersonalKey(IdentityKind kind, string value) =>
        kind is IdentityKind.Email or IdentityKind.Phone or IdentityKind.MatomoUserId || value.Contains('@', StringComparison.Ordinal);

    public static string Mask(PiiKind kind, object? source, string value, string piiPermissionName) => kind switch
    {
        PiiKind.Name => Name(value),
        PiiKind.Email => Email(value),
        PiiKind.Phone => Phone(value),
        PiiKind.UserId => UserId(value),
        PiiKind.Url => Url(value),
        PiiKind.IdentityValue => source switch
        {
            CustomerIdentity { Kind: IdentityKind.Phone } => Phone(value),
            CustomerIdentity { Kind: IdentityKind.MatomoUserId } => UserId(value),
            _ => Email(value),
        },
        _ => Redacted(piiPermissionName),
    };

    /// <summary>Free text is not shortened but replaced, since any part of it may identify the person.</summary>
    public static string Redacted(string piiPermissionName) => $"[redacted: requires {piiPermissionName}]";

    /// <summary>First letter of each word: "Alice Martin" → "A*** M***".</summary>
    public static string Name(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? Stars : string.Join(' ', words.Select(w => w[0] + Stars));
    }

    /// <summary>First letter of the local part and of the domain, and the top-level domain: "a***@e***.com".</summary>
    public static string Email(string email)
    {
        var at = email.LastIndexOf('@');
        if (at <= 0 || at == email.Length - 1) return Stars;
        var domain = email[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        var tld = dot > 0 ? domain[dot..] : "";
        return $"{email[0]}{Stars}@{domain[0]}{Stars}{tld}";
    }

    /// <summary>An email as an email; any other login by its first letter: "alice42" → "a***".</summary>
    public static string UserId(string userId) =>
        userId.Contains('@', StringComparison.Ordinal) ? Email(userId)
        : userId.Length == 0 ? Stars
        : userId[0] + Stars;

    /// <summary>Up to the first '?' or '#', then "***" when anything followed: the path stays readable.</summary>
    public static string Url(string url)
    {
        var cut = url.AsSpan().IndexOfAny('?', '#');
        return cut < 0 ? url : string.Concat(url.AsSpan(0, cut + 1), Stars);
    }

    /// <summary>The leading '+', the first digit and the last four digits: "+1******0101".</summary>
    public static string Phone(string phone)
    {
        var digits = phone.Where(char.IsAsciiDigit).ToArray();
        if (digits.Length < 7) return Stars;
        var masked = new StringBuilder();
        if (phone.TrimStart().StartsWith('+')) masked.Append('+');
        masked.Append(digits[0]).Append('*', digits.Length - 5).Append(digits[^4..]);
        return masked.ToString();
    }
}
