using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace CustomerTimeline.Api.Security;

/// <summary>
/// Remembers the bearer tokens that validated: a console sends the same token with every request, and verifying its
/// RSA signature and building its claims again costs ~130 µs of a request that is otherwise well under 1 ms.
/// A remembered token is taken only within its own lifetime (exp plus the parameters' clock skew), for at most
/// <see cref="TokenCacheOptions.MaxAgeSeconds"/>, and while the key that signed it is still one the request's
/// parameters trust (a metadata refresh that drops or replaces keys sends every token through a full validation).
/// Each request gets its own copy of the claims, so nothing a request does to its principal reaches another.
/// </summary>
internal sealed class CachingTokenHandler(TokenHandler inner, TokenCacheOptions options, TimeProvider time) : TokenHandler
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    internal TokenHandler Inner => inner;

    public override int MaximumTokenSizeInBytes
    {
        get => inner.MaximumTokenSizeInBytes;
        set => inner.MaximumTokenSizeInBytes = value;
    }

    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    public override Task<TokenValidationResult> ValidateTokenAsync(SecurityToken token, TokenValidationParameters validationParameters) =>
        inner.ValidateTokenAsync(token, validationParameters);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);
        // A replay cache must see every use of a token.
        var cacheable = options.MaxEntries > 0 && validationParameters.TokenReplayCache is null && !string.IsNullOrEmpty(token);
        var now = time.GetUtcNow();
        if (cacheable && _entries.TryGetValue(token, out var entry))
        {
            if (now < entry.Until && await TrustsAsync(validationParameters, entry.SigningKey)) return entry.Result();
            _entries.TryRemove(KeyValuePair.Create(token, entry));
        }

        var result = await inner.ValidateTokenAsync(token, validationParameters);
        if (cacheable && result.IsValid && result.SecurityToken is { SigningKey: { } key } validated
            && validated.ValidTo > DateTime.MinValue && result.ClaimsIdentity is { } identity)
        {
            var expires = new DateTimeOffset(DateTime.SpecifyKind(validated.ValidTo, DateTimeKind.Utc)) + validationParameters.ClockSkew;
            var until = Min(expires, now.AddSeconds(options.MaxAgeSeconds));
            if (until > now)
            {
                if (_entries.Count >= options.MaxEntries) Trim(now);
                _entries[token] = new Entry(validated, key, result.Issuer, result.TokenType, identity, until);
            }
        }
        return result;
    }

    /// <summary>The key is still among those the parameters (or their configuration manager's current metadata) hold.</summary>
    private static async Task<bool> TrustsAsync(TokenValidationParameters parameters, SecurityKey key)
    {
        if (ReferenceEquals(parameters.IssuerSigningKey, key)) return true;
        if (parameters.IssuerSigningKeys is { } keys && keys.Any(k => ReferenceEquals(k, key))) return true;
        if (parameters.ConfigurationManager is { } manager)
        {
            var configuration = await manager.GetBaseConfigurationAsync(CancellationToken.None);
            return configuration?.SigningKeys.Any(k => ReferenceEquals(k, key)) == true;
        }
        return false;
    }

    private void Trim(DateTimeOffset now)
    {
        foreach (var (token, entry) in _entries)
        {
            if (entry.Until <= now) _entries.TryRemove(KeyValuePair.Create(token, entry));
        }
        // Still full of live tokens: start over rather than track recency on every hit.
        if (_entries.Count >= options.MaxEntries) _entries.Clear();
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record Entry(SecurityToken Token, SecurityKey SigningKey, string Issuer, string TokenType, ClaimsIdentity Identity, DateTimeOffset Until)
    {
        public TokenValidationResult Result() => new()
        {
            IsValid = true,
            SecurityToken = Token,
            Issuer = Issuer,
            TokenType = TokenType,
            ClaimsIdentity = Identity is CaseSensitiveClaimsIdentity
                ? new CaseSensitiveClaimsIdentity(Identity)
                : Identity.Clone(),
        };
    }
}
