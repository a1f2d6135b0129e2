namespace CustomerTimeline.Tests.Infrastructure;

/// <summary>A clock the tests set, so "stalled for 30 days" and score windows are reproducible.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
