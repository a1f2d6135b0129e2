namespace CustomerTimeline.Api.Analysis;

/// <summary>
/// Sentiment from -1 (very negative) to 1 (very positive), null when the text carries no opinion words;
/// the detected language; intent cues found (cancel, refund, repeated problem...) and whether they call for
/// priority handling.
/// </summary>
public sealed record TextAnalysis(double? Sentiment, string? Language, IReadOnlyList<string> Intents, bool Urgent)
{
    public static readonly TextAnalysis Empty = new(null, null, [], false);
}
