using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.Security;

/// <summary>Per-caller request budget of the GraphQL endpoint (a fixed window per tenant + object id).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    [Range(1, 1_000_000, ErrorMessage = "RateLimit:PermitLimit must be between 1 and 1000000 requests per window.")]
    public int PermitLimit { get; set; } = 300;

    [Range(1, 3600, ErrorMessage = "RateLimit:WindowSeconds must be between 1 and 3600.")]
    public int WindowSeconds { get; set; } = 60;

    [EnumDataType(typeof(RateLimitStore), ErrorMessage = "RateLimit:Store must be Memory or Database.")]
    public RateLimitStore Store { get; set; } = RateLimitStore.Memory;
}
