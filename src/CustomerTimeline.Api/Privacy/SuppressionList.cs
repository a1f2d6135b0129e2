using CustomerTimeline.Api.Customers;
using System.Security.Cryptography;
using System.Text;
using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Privacy;

public sealed class SuppressionList(TimelineDbContext db) : ISuppressionList
{
    /// <summary>Lower-case hex SHA-256 of "Kind:value"; the kind keeps an id and an email with equal text apart.</summary>
    public static string Hash(IdentityKind kind, string normalizedValue)
    {
        ArgumentNullException.ThrowIfNull(normalizedValue);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}:{normalizedValue}")));
    }

    public async Task<bool> IsSuppressedAsync(IdentityKind kind, string normalizedValue, CancellationToken cancellationToken = default)
    {
        var hash = Hash(kind, normalizedValue);
        return await db.SuppressedIdentities.AnyAsync(s => s.Kind == kind && s.ValueHash == hash, cancellationToken);
    }

    public async Task<IReadOnlySet<NormalizedKey>> FindSuppressedAsync(IEnumerable<NormalizedKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var byHash = keys.Distinct().ToDictionary(k => Hash(k.Kind, k.Value));
        if (byHash.Count == 0) return new HashSet<NormalizedKey>();
        var hashes = byHash.Keys.ToList();
        var found = await db.SuppressedIdentities.Where(s => EF.Parameter(hashes).Contains(s.ValueHash))
            .Select(s => s.ValueHash)
            .ToListAsync(cancellationToken);
        // The hash covers the kind, so a matching hash is a matching key.
        return found.Select(h => byHash[h]).ToHashSet();
    }

    // Ids only grow (AUTOINCREMENT, IDENTITY) and rows are never deleted.
    public async Task<long> VersionAsync(CancellationToken cancellationToken = default) =>
        await db.SuppressedIdentities.MaxAsync(s => (long?)s.Id, cancellationToken) ?? 0;
}
