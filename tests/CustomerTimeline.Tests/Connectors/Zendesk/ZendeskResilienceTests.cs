using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Zendesk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;

namespace CustomerTimeline.Tests.Connectors.Zendesk;

[Collection(ConnectorTestGroup.Name)]
public sealed class ZendeskResilienceTests(WireMockFixture wireMock)
    : ConnectorResilienceTests(wireMock), IClassFixture<WireMockFixture>
{
    protected override string Section => ZendeskOptions.Section;

    protected override IRequestBuilder PageRequest() =>
        Request.Create().WithPath("/api/v2/incremental/users/cursor.json").UsingGet();

    protected override string ValidPage => Samples.Read("zendesk-users-page2.json");

    protected override Dictionary<string, string?> Settings(string baseUrl) => ZendeskSettings.For(baseUrl);

    protected override Task<SourcePage> FetchAsync(ConnectorTestHost host) =>
        host.Connector<ZendeskConnector>().FetchPageAsync(ZendeskConnector.UsersStream, null, CancellationToken.None);

    protected override TimeSpan BreakDuration(ConnectorTestHost host) =>
        host.Services.GetRequiredService<IOptions<ZendeskOptions>>().Value.Resilience.BreakerBreakDuration;
}
