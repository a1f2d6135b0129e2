using WireMock.Server;

namespace CustomerTimeline.Tests.Connectors;

/// <summary>One WireMock server per test class, standing in for the vendor; each test resets its mappings.</summary>
public sealed class WireMockFixture : IDisposable
{
    public WireMockServer Server { get; } = WireMockServer.Start();

    public void Dispose() => Server.Stop();
}
