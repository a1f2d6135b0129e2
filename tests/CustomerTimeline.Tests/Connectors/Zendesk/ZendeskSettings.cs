using CustomerTimeline.Api.Connectors.Zendesk;

namespace CustomerTimeline.Tests.Connectors.Zendesk;

internal static class ZendeskSettings
{
    public const string Email = "agent@example.com";
    public const string ApiToken = "zd-test-token";

    public static Dictionary<string, string?> For(string baseUrl) => new(ConnectorTestHost.TestResilience(ZendeskOptions.Section))
    {
        [$"{ZendeskOptions.Section}:BaseUrl"] = baseUrl,
        [$"{ZendeskOptions.Section}:Email"] = Email,
        [$"{ZendeskOptions.Section}:ApiToken"] = ApiToken,
        [$"{ZendeskOptions.Section}:PageSize"] = "2",
        [$"{ZendeskOptions.Section}:StartAt"] = "2009-01-01T00:00:00Z",
    };
}
