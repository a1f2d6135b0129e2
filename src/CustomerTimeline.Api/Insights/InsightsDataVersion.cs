namespace CustomerTimeline.Api.Insights;

/// <summary>Moves forward after every committed insights refresh, so cached global stats know they are stale.</summary>
public sealed class InsightsDataVersion
{
    private long _version;

    public long Current => Interlocked.Read(ref _version);

    public void Bump() => Interlocked.Increment(ref _version);
}
