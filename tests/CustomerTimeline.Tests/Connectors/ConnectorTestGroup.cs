namespace CustomerTimeline.Tests.Connectors;

/// <summary>
/// Connector tests drive fake clocks against real sockets: run them one class at a time so a busy runner's
/// thread pool does not stretch the real milliseconds each fake-clock step relies on.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConnectorTestGroup
{
    public const string Name = "Connectors";
}
