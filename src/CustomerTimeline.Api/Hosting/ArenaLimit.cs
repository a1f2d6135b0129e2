namespace CustomerTimeline.Api.Hosting;

/// <summary>What <see cref="NativeHeap.LimitArenas"/> did.</summary>
public enum ArenaLimit
{
    Applied,
    Default,
    NotGlibc,
    Refused,
}
