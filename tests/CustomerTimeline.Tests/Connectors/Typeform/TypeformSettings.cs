using CustomerTimeline.Api.Connectors.Typeform;

namespace CustomerTimeline.Tests.Connectors.Typeform;

internal static class TypeformSettings
{
    public const string Token = "tfp_test_personal_token";
    public const string FormId = "lR6F4j";

    public static Dictionary<string, string?> For(string baseUrl) => new(ConnectorTestHost.TestResilience(TypeformOptions.Section))
    {
        [$"{TypeformOptions.Section}:BaseUrl"] = baseUrl,
        [$"{TypeformOptions.Section}:PersonalAccessToken"] = Token,
        [$"{TypeformOptions.Section}:PageSize"] = "2",
        [$"{TypeformOptions.Section}:StartAt"] = "2017-09-01T00:00:00Z",
        [$"{TypeformOptions.Section}:Forms:0:FormId"] = FormId,
        [$"{TypeformOptions.Section}:Forms:0:SurveyType"] = "Nps",
        [$"{TypeformOptions.Section}:Forms:0:CommentFieldRef"] = "nps_reason",
    };
}
