using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CustomerTimeline.Tests.Infrastructure;

/// <summary>
/// Entra-shaped v2.0 access tokens signed with a key that exists only in the test process. The factory gives the
/// API this key as its only signing key, so nothing ever calls Entra ID.
/// </summary>
public static class TestTokens
{
    public const string Instance = "https://login.microsoftonline.com/";
    public const string TenantId = "3f0c1b8e-5d7a-4c2e-9b1f-00000000a001";
    public const string OtherTenantId = "3f0c1b8e-5d7a-4c2e-9b1f-00000000b002";
    public const string ClientId = "9a6e0f4c-2b1d-4e8f-a3c5-0000000000c1";
    public const string AgentObjectId = "0d4b6c2a-7e91-4f3b-8a5d-00000000a9e1";

    public const string Read = "Timeline.Read";
    public const string Write = "Timeline.Write";
    public const string PiiRead = "Customer.Pii.Read";
    public const string PrivacyManage = "Privacy.Manage";
    public static readonly string[] AllScopes = [Read, Write, PiiRead, PrivacyManage];

    public static readonly RsaSecurityKey SigningKey = new(RSA.Create(2048)) { KeyId = "test-signing-key" };

    /// <summary>A key the API does not know: tokens signed with it have a bad signature.</summary>
    public static readonly RsaSecurityKey ForeignKey = new(RSA.Create(2048)) { KeyId = "test-signing-key" };

    public static string Issuer(string tenantId) => $"https://login.microsoftonline.com/{tenantId}/v2.0";

    /// <summary>
    /// A token for the API. Without scopes or roles it carries every scope; pass an empty scope list and no roles
    /// for a token with neither claim.
    /// </summary>
    public static string Mint(
        IEnumerable<string>? scopes = null, IEnumerable<string>? roles = null, string tenantId = TenantId,
        string objectId = AgentObjectId, string audience = ClientId, string? issuer = null, DateTime? expires = null,
        SecurityKey? key = null)
    {
        var claims = Claims(scopes, roles, tenantId, objectId);
        var expiry = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer(tenantId),
            Audience = audience,
            IssuedAt = expiry.AddHours(-2),
            NotBefore = expiry.AddHours(-2),
            Expires = expiry,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A well-formed token with "alg": "none" and an empty signature.</summary>
    public static string MintAlgNone(IEnumerable<string>? scopes = null)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = new Dictionary<string, object>(Claims(scopes, null, TenantId, AgentObjectId))
        {
            ["iss"] = Issuer(TenantId),
            ["aud"] = ClientId,
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
        static string Part(object value) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));
        return Part(new Dictionary<string, string> { ["alg"] = "none", ["typ"] = "JWT" }) + "." + Part(payload) + ".";
    }

    private static Dictionary<string, object> Claims(IEnumerable<string>? scopes, IEnumerable<string>? roles, string tenantId, string objectId)
    {
        var claims = new Dictionary<string, object> { ["tid"] = tenantId, ["oid"] = objectId, ["ver"] = "2.0" };
        var scopeList = (scopes ?? (roles is null ? AllScopes : [])).ToArray();
        if (scopeList.Length > 0) claims["scp"] = string.Join(' ', scopeList);
        if (roles?.ToArray() is { Length: > 0 } roleList) claims["roles"] = roleList;
        return claims;
    }
}
