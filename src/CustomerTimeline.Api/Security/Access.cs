namespace CustomerTimeline.Api.Security;

/// <summary>What a caller may do. Each maps to a configured scope / app-role name (see <see cref="TimelineAuthOptions"/>).</summary>
public enum Access
{
    /// <summary>Call the GraphQL endpoint at all and read non-personal data.</summary>
    Read,
    /// <summary>Run mutations.</summary>
    Write,
    /// <summary>See personal data (names, emails, phones, free text) unmasked.</summary>
    PiiRead,
    /// <summary>Export and erase customers, read the audit log.</summary>
    PrivacyManage,
}
