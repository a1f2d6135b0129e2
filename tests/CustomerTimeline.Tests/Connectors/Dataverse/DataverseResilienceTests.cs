using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Dataverse;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;

namespace CustomerTimeline.Tests.Connectors.Dataverse;

[Collection(ConnectorTestGroup.Name)]
public sealed class DataverseResilienceTests(WireMockFixture wireMock)
    : ConnectorResilienceTests(wireMock), IClassFixture<WireMockFixture>
{
    protected override string Section => DataverseOptions.Section;

    protected override IRequestBuilder PageRequest() => Request.Create().WithPath("/api/data/v9.2/activitypointers").UsingGet();

    protected override string ValidPage => Samples.Read("dataverse-activities.json");

    protected override Dictionary<string, string?> Settings(string baseUrl) => DataverseSettings.For(baseUrl);

    protected override ConnectorTestHost CreateHostFrom(Dictionary<string, string?> settings) =>
        ConnectorTestHost.Create(settings, DataverseSettings.FakeToken);

    protected override Task<SourcePage> FetchAsync(ConnectorTestHost host) =>
        host.Connector<DataverseConnector>().FetchPageAsync("activities", null, CancellationToken.None);

    protected override TimeSpan BreakDuration(ConnectorTestHost host) =>
        host.Services.GetRequiredService<IOptions<DataverseOptions>>().Value.Resilience.BreakerBreakDuration;
}
