namespace CustomerTimeline.Api.Data;

/// <summary>
/// A source key of an erased person that no sync may import again. Only a SHA-256 of the kind and the
/// normalized value is kept, so the list itself holds no personal data in clear.
/// </summary>
public sealed class SuppressedIdentity
{
    public long Id { get; set; }
    public IdentityKind Kind { get; set; }
    /// <summary>Lower-case hex SHA-256 of "Kind:normalizedValue".</summary>
    public required string ValueHash { get; set; }
    public DateTimeOffset SuppressedAt { get; set; }
    /// <summary>The erasure that added it.</summary>
    public long PrivacyRequestId { get; set; }
}
