namespace CustomerTimeline.Api.Connectors.Typeform;

/// <summary>What a form measures, which sets the default score field and scale.</summary>
public enum TypeformSurveyType
{
    /// <summary>Net Promoter Score: 0-10, from an <c>nps</c> or <c>opinion_scale</c> field.</summary>
    Nps,

    /// <summary>Customer satisfaction: 1-5, from a <c>rating</c> (or <c>opinion_scale</c>) field.</summary>
    Csat,

    /// <summary>Customer effort score: 1-7, from an <c>opinion_scale</c> field.</summary>
    Ces,
}
