using CustomerTimeline.Api.Connectors.Typeform;

namespace CustomerTimeline.Api.Sandbox;

/// <summary>The generator's three survey forms and the Typeform question type of their score field.</summary>
internal sealed record SandboxTypeformForm(string FormId, string Title, TypeformSurveyType SurveyType, string ScoreFieldType)
{
    public static readonly IReadOnlyList<SandboxTypeformForm> All =
    [
        new("Qn7PsR2k", "How likely are you to recommend us?", TypeformSurveyType.Nps, "nps"),
        new("Cs4tXw9m", "How satisfied are you with our support?", TypeformSurveyType.Csat, "rating"),
        new("Ce5Hy3dL", "How easy was it to get your issue handled?", TypeformSurveyType.Ces, "opinion_scale"),
    ];
}
