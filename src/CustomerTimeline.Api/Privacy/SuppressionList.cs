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
}
