using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.Security;

/// <summary>How long and how many validated bearer tokens are remembered (<see cref="CachingTokenHandler"/>).</summary>
public sealed class TokenCacheOptions
{
    public const string Section = "Auth:TokenCache";

    /// <summary>
    /// Tokens remembered at most (each holds the token, its parsed form and its claims: a few KB); 0 validates every
    /// request's token in full. Past the limit the cache starts over, which costs validations, never correctness.
    /// </summary>
    [Range(0, 100_000, ErrorMessage = "Auth:TokenCache:MaxEntries must be between 0 (off) and 100000.")]
    public int MaxEntries { get; set; } = 1_000;

    /// <summary>
    /// Seconds a remembered token is taken without validating it again, whatever its own lifetime: the bound on how
    /// long a token stays accepted after a change that only a full validation sees.
    /// </summary>
    [Range(1, 3600, ErrorMessage = "Auth:TokenCache:MaxAgeSeconds must be between 1 and 3600.")]
    public int MaxAgeSeconds { get; set; } = 300;
}
