namespace CustomerTimeline.Api.Analysis;

/// <summary>
/// Reads the feeling and intent of a piece of customer text. The built-in analyzer is lexicon-based
/// (English, French and Romanian); a cloud text-analytics service can replace it behind this interface.
/// </summary>
public interface ITextAnalyzer
{
    TextAnalysis Analyze(string? text);
}
