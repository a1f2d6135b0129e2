using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Insights;

/// <summary>Refuses to start with a score model that cannot produce 0-100; every message names the key.</summary>
public sealed class ExperienceOptionsValidator : IValidateOptions<ExperienceOptions>
{
    public ValidateOptionsResult Validate(string? name, ExperienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var w = options.Weights;
        foreach (var (key, value) in new[]
        {
            ("Surveys", w.Surveys), ("Sentiment", w.Sentiment), ("SupportLoad", w.SupportLoad),
            ("ResolutionTime", w.ResolutionTime), ("RepeatedProblems", w.RepeatedProblems), ("Engagement", w.Engagement),
        })
        {
            if (value < 0 || double.IsNaN(value) || double.IsInfinity(value))
                errors.Add($"Experience:Weights:{key} must be a number >= 0; got {value}.");
        }
        if (errors.Count == 0 && w.Total <= 0) errors.Add("Experience:Weights:* must not all be 0.");
        Positive(errors, "WindowDays", options.WindowDays);
        Positive(errors, "SurveyWindowDays", options.SurveyWindowDays);
        Positive(errors, "EngagementWindowDays", options.EngagementWindowDays);
        Positive(errors, "EngagementTouchesForFull", options.EngagementTouchesForFull);
        Positive(errors, "TicketsForZero", options.TicketsForZero);
        Positive(errors, "HistoryPoints", options.HistoryPoints);
        Positive(errors, "HistoryIntervalDays", options.HistoryIntervalDays);
        if (options.HistoryPoints > 52) errors.Add("Experience:HistoryPoints must be at most 52.");
        if (options.TargetResolutionHours < 0) errors.Add("Experience:TargetResolutionHours must be >= 0.");
        if (options.ResolutionHoursForZero <= options.TargetResolutionHours)
            errors.Add("Experience:ResolutionHoursForZero must be above Experience:TargetResolutionHours.");
        if (options.RepeatedProblem.MinContacts < 2) errors.Add("Experience:RepeatedProblem:MinContacts must be at least 2.");
        if (options.RepeatedProblem.WindowDays <= 0) errors.Add("Experience:RepeatedProblem:WindowDays must be above 0.");
        if (options.NegativeSentimentBelow is < -1 or > 1) errors.Add("Experience:NegativeSentimentBelow must be between -1 and 1.");
        if (options.SurveyCommentWeight is < 0 or > 1) errors.Add("Experience:SurveyCommentWeight must be between 0 and 1.");
        if (options.TrendThreshold < 0) errors.Add("Experience:TrendThreshold must be >= 0.");
        if (!(options.LowBandBelow >= 0 && options.LowBandBelow <= options.HighBandFrom && options.HighBandFrom <= 100))
            errors.Add("Experience:LowBandBelow and Experience:HighBandFrom must satisfy 0 <= LowBandBelow <= HighBandFrom <= 100.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string key, int value)
    {
        if (value <= 0) errors.Add($"Experience:{key} must be above 0; got {value}.");
    }
}
