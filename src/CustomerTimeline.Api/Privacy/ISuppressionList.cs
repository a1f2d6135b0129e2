using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Privacy;

/// <summary>
/// Source keys of erased people. The sync engine must ask before it creates or links a customer from a source
/// record, and skip the record when any of its keys is suppressed.
/// </summary>
public interface ISuppressionList
{
    /// <summary>
    /// Whether the key belongs to an erased person. <paramref name="normalizedValue"/> must be normalized like
    /// stored identities (see <see cref="Customers.IdentityNormalizer"/>): lower-case email, E.164 phone, vendor id.
    /// </summary>
    Task<bool> IsSuppressedAsync(IdentityKind kind, string normalizedValue, CancellationToken cancellationToken = default);

    /// <summary>The suppressed keys among <paramref name="keys"/>, in one query: for checking a page of source records.</summary>
    Task<IReadOnlySet<NormalizedKey>> FindSuppressedAsync(IEnumerable<NormalizedKey> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Grows with every suppressed key (erasures only add): equal before a look-up and inside a later write
    /// transaction means no erasure committed in between, so the look-up still holds.
    /// </summary>
    Task<long> VersionAsync(CancellationToken cancellationToken = default);
}
