using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CustomerTimeline.Bench;

/// <summary>
/// Entra-shaped v2.0 access tokens signed with a key that exists only in the bench process (the approach of the
/// tests' TestTokens): the bench host is given this key as its only signing key, so nothing calls Entra ID.
/// </summary>
internal static class BenchTokens
{
    public const string Instance = "https://login.microsoftonline.com/";
    public const string TenantId = "3f0c1b8e-5d7a-4c2e-9b1f-00000000be01";
    public const string ClientId = "9a6e0f4c-2b1d-4e8f-a3c5-0000000be0c1";
    private const string ObjectId = "0d4b6c2a-7e91-4f3b-8a5d-0000000be0a1";

    public static readonly RsaSecurityKey SigningKey = new(RSA.Create(2048)) { KeyId = "bench-signing-key" };

    public static string Issuer => $"https://login.microsoftonline.com/{TenantId}/v2.0";

    /// <summary>A token with every scope, valid for two hours.</summary>
    public static string Mint()
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddHours(2),
            Claims = new Dictionary<string, object>
            {
                ["tid"] = TenantId,
                ["oid"] = ObjectId,
                ["ver"] = "2.0",
                ["scp"] = "Timeline.Read Timeline.Write Customer.Pii.Read Privacy.Manage",
            },
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }
}
