using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.Sandbox;

/// <summary>
/// Deterministic faults of one vendor, by the number of the request to that vendor (1, 2, 3...): "every Nth".
/// 0 turns a fault off. When several match one request, the first in the order below wins.
/// </summary>
public sealed class SandboxFaultOptions
{
    /// <summary>In each cycle of this many requests, the last <see cref="RateLimitBurst"/> answer 429.</summary>
    public int RateLimitEvery { get; set; }

    public int RateLimitBurst { get; set; } = 1;

    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Every Nth request answers <see cref="ServerErrorStatus"/>.</summary>
    public int ServerErrorEvery { get; set; }

    public int ServerErrorStatus { get; set; } = 503;

    /// <summary>Every Nth request answers 200 with truncated JSON.</summary>
    public int MalformedEvery { get; set; }

    /// <summary>Every Nth request answers correctly after <see cref="SlowDelay"/>.</summary>
    public int SlowEvery { get; set; }

    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(2);

    public SandboxFault For(long request)
    {
        if (RateLimitEvery > 0 && (request - 1) % RateLimitEvery >= RateLimitEvery - RateLimitBurst) return SandboxFault.RateLimit;
        if (ServerErrorEvery > 0 && request % ServerErrorEvery == 0) return SandboxFault.ServerError;
        if (MalformedEvery > 0 && request % MalformedEvery == 0) return SandboxFault.Malformed;
        if (SlowEvery > 0 && request % SlowEvery == 0) return SandboxFault.Slow;
        return SandboxFault.None;
    }

    public IEnumerable<ValidationResult> Validate(string section)
    {
        if (RateLimitEvery < 0 || ServerErrorEvery < 0 || MalformedEvery < 0 || SlowEvery < 0)
            yield return new($"{section}: RateLimitEvery, ServerErrorEvery, MalformedEvery and SlowEvery must be 0 (off) or more.");
        // A burst as long as its cycle would refuse every request: no run could ever finish.
        if (RateLimitEvery > 0 && (RateLimitBurst < 1 || RateLimitBurst >= RateLimitEvery))
            yield return new($"{section}:RateLimitBurst must be between 1 and RateLimitEvery - 1.");
        if (RetryAfterSeconds is < 0 or > 3600)
            yield return new($"{section}:RetryAfterSeconds must be between 0 and 3600.");
        if (ServerErrorStatus is < 500 or > 599)
            yield return new($"{section}:ServerErrorStatus must be a 5xx status.");
        if (SlowDelay < TimeSpan.Zero || SlowDelay > TimeSpan.FromMinutes(10))
            yield return new($"{section}:SlowDelay must be between 0 and 10 minutes.");
    }
}
