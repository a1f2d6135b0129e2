using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Privacy;

/// <summary>
/// Keys of erased customers: a record carrying one of them must not bring the person back.
/// The sync engine skips such records.
/// </summary>
public interface ISuppressionList
{
    /// <param name="normalizedValue">The key as stored in CustomerIdentity (see IdentityNormalizer).</param>
    Task<bool> IsSuppressedAsync(IdentityKind kind, string normalizedValue, CancellationToken ct);
}
