using System.Threading.RateLimiting;

namespace CustomerTimeline.Api.Security;

/// <summary>A lease of the per-caller window limiters (shared and in memory); a rejection carries the time until its window ends.</summary>
public sealed class SharedWindowLease : RateLimitLease
{
    public static readonly SharedWindowLease Granted = new(true, null);

    /// <summary>Not granted from the local reservation; the caller should try <see cref="RateLimiter.AcquireAsync"/>.</summary>
    public static readonly SharedWindowLease NotReserved = new(false, null);

    private readonly TimeSpan? _retryAfter;

    private SharedWindowLease(bool isAcquired, TimeSpan? retryAfter)
    {
        IsAcquired = isAcquired;
        _retryAfter = retryAfter;
    }

    public static SharedWindowLease Rejected(TimeSpan retryAfter) => new(false, retryAfter);

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (_retryAfter is { } retryAfter && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = retryAfter;
            return true;
        }
        metadata = null;
        return false;
    }
}
