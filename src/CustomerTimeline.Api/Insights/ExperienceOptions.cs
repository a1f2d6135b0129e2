namespace CustomerTimeline.Api.Insights;

/// <summary>The experience score model (docs/experience-score.md). Bound from "Experience"; validated at start.</summary>
public sealed class ExperienceOptions
{
    public const string Section = "Experience";

    /// <summary>Relative weights of the drivers; each driver can earn 100 × weight / sum of weights points.</summary>
    public ExperienceWeights Weights { get; set; } = new();

    /// <summary>Days of history behind the sentiment, support load, resolution time and repeated-problem drivers.</summary>
    public int WindowDays { get; set; } = 90;
    public int SurveyWindowDays { get; set; } = 365;
    public int EngagementWindowDays { get; set; } = 30;
    /// <summary>Touches (visits, survey answers, CRM activities...) in the engagement window that earn the full engagement points.</summary>
    public int EngagementTouchesForFull { get; set; } = 8;
    /// <summary>Tickets in the window at which the support-load driver reaches zero.</summary>
    public int TicketsForZero { get; set; } = 5;
    public double TargetResolutionHours { get; set; } = 24;
    public double ResolutionHoursForZero { get; set; } = 168;
    public RepeatedProblemOptions RepeatedProblem { get; set; } = new();
    /// <summary>Events with a sentiment below this are negative (friction points, negative counts).</summary>
    public double NegativeSentimentBelow { get; set; } = -0.2;
    /// <summary>Share of a survey answer's sentiment that comes from its comment (the rest from its score).</summary>
    public double SurveyCommentWeight { get; set; } = 0.4;
    public int HistoryPoints { get; set; } = 8;
    public int HistoryIntervalDays { get; set; } = 7;
    /// <summary>Points of change over the history that make the trend Up or Down.</summary>
    public double TrendThreshold { get; set; } = 5;
    public double LowBandBelow { get; set; } = 40;
    public double HighBandFrom { get; set; } = 70;
}
