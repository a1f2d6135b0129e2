using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Typeform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;

namespace CustomerTimeline.Tests.Connectors.Typeform;

[Collection(ConnectorTestGroup.Name)]
public sealed class TypeformResilienceTests(WireMockFixture wireMock)
    : ConnectorResilienceTests(wireMock), IClassFixture<WireMockFixture>
{
    protected override string Section => TypeformOptions.Section;

    protected override IRequestBuilder PageRequest() =>
        Request.Create().WithPath($"/forms/{TypeformSettings.FormId}/responses").UsingGet();

    protected override string ValidPage => Samples.Read("typeform-responses-page1.json");

    protected override Dictionary<string, string?> Settings(string baseUrl) => TypeformSettings.For(baseUrl);

    protected override Task<SourcePage> FetchAsync(ConnectorTestHost host) =>
        host.Connector<TypeformConnector>().FetchPageAsync("responses:" + TypeformSettings.FormId, null, CancellationToken.None);

    protected override TimeSpan BreakDuration(ConnectorTestHost host) =>
        host.Services.GetRequiredService<IOptions<TypeformOptions>>().Value.Resilience.BreakerBreakDuration;
}
