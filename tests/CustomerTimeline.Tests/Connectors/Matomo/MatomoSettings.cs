using CustomerTimeline.Api.Connectors.Matomo;

namespace CustomerTimeline.Tests.Connectors.Matomo;

internal static class MatomoSettings
{
    public const string Token = "matomo-secret-token";

    public static Dictionary<string, string?> For(string baseUrl) => new(ConnectorTestHost.TestResilience(MatomoOptions.Section))
    {
        [$"{MatomoOptions.Section}:BaseUrl"] = baseUrl,
        [$"{MatomoOptions.Section}:TokenAuth"] = Token,
        [$"{MatomoOptions.Section}:SiteId"] = "1",
        [$"{MatomoOptions.Section}:PageSize"] = "2",
        [$"{MatomoOptions.Section}:StartAt"] = "2024-06-01T00:00:00Z",
    };
}
