namespace CustomerTimeline.Api.Connectors.Typeform;

/// <summary>One form to read (<c>Connectors:Typeform:Forms:{n}</c>) and which of its fields mean what.</summary>
public sealed class TypeformFormOptions
{
    /// <summary>The id in the form's URL: <c>u6nXL7</c> in https://mysite.typeform.com/to/u6nXL7.</summary>
    public string FormId { get; set; } = "";

    public TypeformSurveyType SurveyType { get; set; } = TypeformSurveyType.Nps;

    /// <summary>The score question's <c>ref</c>; default: the first answer of the survey type's field types.</summary>
    public string? ScoreFieldRef { get; set; }

    /// <summary>The comment question's <c>ref</c>; default: the first long_text/short_text answer.</summary>
    public string? CommentFieldRef { get; set; }

    /// <summary>Hidden field carrying the respondent's email (the survey link is sent with <c>#email=...</c>).</summary>
    public string EmailHiddenField { get; set; } = "email";

    /// <summary>Hidden field carrying a respondent id of ours, if the links carry one.</summary>
    public string RespondentIdHiddenField { get; set; } = "respondent_id";

    /// <summary>Overrides the survey type's scale (NPS 0-10, CSAT 1-5, CES 1-7).</summary>
    public int? ScaleMin { get; set; }

    public int? ScaleMax { get; set; }

    public (int Min, int Max) Scale => (
        ScaleMin ?? (SurveyType == TypeformSurveyType.Nps ? 0 : 1),
        ScaleMax ?? SurveyType switch { TypeformSurveyType.Nps => 10, TypeformSurveyType.Csat => 5, _ => 7 });
}
