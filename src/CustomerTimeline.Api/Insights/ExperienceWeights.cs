namespace CustomerTimeline.Api.Insights;

public sealed class ExperienceWeights
{
    public double Surveys { get; set; } = 25;
    public double Sentiment { get; set; } = 20;
    public double SupportLoad { get; set; } = 10;
    public double ResolutionTime { get; set; } = 10;
    public double RepeatedProblems { get; set; } = 20;
    public double Engagement { get; set; } = 15;

    public double Total => Surveys + Sentiment + SupportLoad + ResolutionTime + RepeatedProblems + Engagement;
}
