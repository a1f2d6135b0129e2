using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Matomo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;

namespace CustomerTimeline.Tests.Connectors.Matomo;

/// <summary>Matomo reads are POSTs; these also prove the pipeline retries them (opted in on purpose).</summary>
[Collection(ConnectorTestGroup.Name)]
public sealed class MatomoResilienceTests(WireMockFixture wireMock)
    : ConnectorResilienceTests(wireMock), IClassFixture<WireMockFixture>
{
    protected override string Section => MatomoOptions.Section;

    protected override IRequestBuilder PageRequest() => Request.Create().WithPath("/index.php").UsingPost();

    protected override string ValidPage => Samples.Read("matomo-visits-page1.json");

    protected override Dictionary<string, string?> Settings(string baseUrl) => MatomoSettings.For(baseUrl);

    protected override Task<SourcePage> FetchAsync(ConnectorTestHost host) =>
        host.Connector<MatomoConnector>().FetchPageAsync(MatomoConnector.VisitsStream, null, CancellationToken.None);

    protected override TimeSpan BreakDuration(ConnectorTestHost host) =>
        host.Services.GetRequiredService<IOptions<MatomoOptions>>().Value.Resilience.BreakerBreakDuration;
}
