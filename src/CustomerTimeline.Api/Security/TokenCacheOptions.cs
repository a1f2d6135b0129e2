using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.Security;

/// <summary>How long and how many validated bearer tokens are remembered (<see cref="CachingTokenHandler"/>).</summary>
public sealed class TokenCacheOptions
{
    public const string Section = "Auth:TokenCache";

    /// <summary>Tokens remembered at most; 0 validates every request's token in full.</summary>
    [Range(0, 1_000_000)]
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>
    /// Seconds a remembered token is taken without validating it again, whatever its own lifetime: the bound on how
    /// long a token stays accepted after a change that only a full validation sees.
    /// </summary>
    [Range(1, 3600)]
    public int MaxAgeSeconds { get; set; } = 300;
}
