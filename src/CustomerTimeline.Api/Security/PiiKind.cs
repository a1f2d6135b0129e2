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
    /// <summary>An identity key: masked as an email or a phone for those kinds, vendor ids stay clear.</summary>
    IdentityValue,
    /// <summary>Message bodies, notes, descriptions, comments: replaced by a redaction notice.</summary>
    FreeText,
    /// <summary>An event summary: free text for CRM activities, tickets, messages and survey answers.</summary>
    EventSummary,
}
