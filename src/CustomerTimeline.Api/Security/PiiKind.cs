namespace CustomerTimeline.Api.Security;

/// <summary>The kinds of personal data a field can carry; each has its own mask (see <see cref="PiiMask"/>).</summary>
public enum PiiKind
{
    /// <summary>A person's name: "Alice Martin" → "A*** M***".</summary>
    Name,
    /// <summary>"alice.martin@example.com" → "a***@e***.com".</summary>
    Email,
    /// <summary>"+14155550101" → "+1******0101".</summary>
    Phone,
    /// <summary>An identity key: emails, phones and analytics user ids masked as such, vendor ids stay clear.</summary>
    IdentityValue,
    /// <summary>
    /// A site's own id for a signed-in visitor (Matomo's user id): the site's login, usually the email address, so
    /// "alice@example.com" → "a***@e***.com" and "alice42" → "a***".
    /// </summary>
    UserId,
    /// <summary>
    /// A visited page's address: scheme, host and path kept, the query string and fragment (an unsubscribe link's
    /// email, a reset token, a search) hidden: "https://example.com/unsubscribe?***".
    /// </summary>
    Url,
    /// <summary>Message bodies, notes, descriptions, comments: replaced by a redaction notice.</summary>
    FreeText,
    /// <summary>An event summary: free text for CRM activities, tickets, messages and survey answers.</summary>
    EventSummary,
}
