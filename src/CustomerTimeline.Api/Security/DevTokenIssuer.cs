using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CustomerTimeline.Api.Security;

/// <summary>
/// Development only: signs Entra-shaped access tokens with a key that lives in this process, so GraphiQL and
/// local clients can call the API without a tenant. The API validates them exactly like Entra ID tokens
/// (issuer template, audience, tenant allow-list, lifetime, scopes); only the signing key differs.
/// </summary>
public sealed class DevTokenIssuer : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly IOptions<EntraIdOptions> _entra;
    private readonly IOptions<TimelineAuthOptions> _auth;
    private readonly TimeProvider _time;

    public DevTokenIssuer(IOptions<EntraIdOptions> entra, IOptions<TimelineAuthOptions> auth, TimeProvider time)
    {
        _entra = entra;
        _auth = auth;
        _time = time;
        SigningKey = new RsaSecurityKey(_rsa) { KeyId = "dev-" + Guid.NewGuid().ToString("N")[..8] };
    }

    public SecurityKey SigningKey { get; }

    public string Issuer => _entra.Value.IssuerFor(_auth.Value.DevTokens.TenantId);

    /// <summary>A delegated token carrying the given permissions as scopes (all of them when none are named).</summary>
    public string Mint(IReadOnlyCollection<Access>? permissions = null)
    {
        var auth = _auth.Value;
        var granted = permissions is { Count: > 0 } ? permissions : Enum.GetValues<Access>();
        var now = _time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = _entra.Value.Audience ?? _entra.Value.ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(auth.DevTokens.LifetimeMinutes),
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256),
            Claims = new Dictionary<string, object>
            {
                ["tid"] = auth.DevTokens.TenantId,
                ["oid"] = auth.DevTokens.ObjectId,
                ["ver"] = "2.0",
                ["scp"] = string.Join(' ', granted.Select(auth.NameOf)),
            },
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public void Dispose() => _rsa.Dispose();
}
