namespace CustomerTimeline.Api.Generator;

/// <summary>Running counts of what a load has written.</summary>
internal sealed class LoadTally
{
    private int _customers;
    private long _identities;
    private long _events;

    public void Add(GeneratedCustomer c)
    {
        _customers++;
        _identities += c.Identities.Count;
        _events += c.Events.Count;
    }

    public LoadProgress Progress(TimeSpan elapsed) => new(_customers, _identities, _events, elapsed);

    public LoadResult Result(TimeSpan elapsed) => new(_customers, _identities, _events, elapsed);
}
