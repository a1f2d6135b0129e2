using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Tests.Generator;

/// <summary>Details records holding lists compare lists by reference; compare their JSON instead.</summary>
internal sealed class DetailsJsonComparer : IEqualityComparer<EventDetails>
{
    public bool Equals(EventDetails? x, EventDetails? y) => x?.ToJson() == y?.ToJson();

    public int GetHashCode(EventDetails obj) => obj.ToJson().GetHashCode(StringComparison.Ordinal);
}
