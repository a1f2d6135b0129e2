namespace CustomerTimeline.Api.Sandbox;

/// <summary>A misbehaviour the sandbox can put on one request (configured, or forced by the X-Sandbox-Fault header).</summary>
public enum SandboxFault
{
    None,

    /// <summary>429 with Retry-After.</summary>
    RateLimit,

    /// <summary>A 5xx (503 by default) without Retry-After.</summary>
    ServerError,

    /// <summary>The right answer, late.</summary>
    Slow,

    /// <summary>200 with a body cut off mid-JSON.</summary>
    Malformed,
}
