namespace CustomerTimeline.Api.Security;

/// <summary>
/// Rate-limit windows aligned to the Unix epoch: every instance, and both limiters, agree on when a window starts
/// and how long is left of it.
/// </summary>
internal static class EpochWindow
{
    /// <summary>Unix seconds at which the window holding now started.</summary>
    public static long StartOf(TimeProvider time, int windowSeconds)
    {
        var seconds = time.GetUtcNow().ToUnixTimeSeconds();
        return seconds - (((seconds % windowSeconds) + windowSeconds) % windowSeconds);
    }

    /// <summary>The time from now to the end of the window that started at <paramref name="start"/>; never negative.</summary>
    public static TimeSpan Left(TimeProvider time, long start, int windowSeconds)
    {
        var left = DateTimeOffset.FromUnixTimeSeconds(start + windowSeconds) - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
