using CustomerTimeline.Api.Analysis;
using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Insights;

/// <summary>
/// Runs the text analyzer on events not analyzed yet (<see cref="TimelineEvent.Intents"/> is null): customer
/// ticket messages, ticket descriptions, inbound CRM emails, calls and notes, survey comments. A survey's sentiment
/// blends its score with its comment.
/// </summary>
public sealed class EventTextEnricher(ITextAnalyzer analyzer, double surveyCommentWeight)
{
    private static readonly HashSet<string> StaffAuthors = new(StringComparer.OrdinalIgnoreCase)
    {
        "agent", "admin", "staff", "system", "bot", "support",
    };

    /// <summary>Analyzes the events that need it; returns how many were analyzed.</summary>
    public int Enrich(IEnumerable<TimelineEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var analyzed = 0;
        foreach (var e in events)
        {
            if (e.Intents is not null) continue;
            Apply(e, e.ParsedDetails);
            analyzed++;
        }
        return analyzed;
    }

    private void Apply(TimelineEvent e, EventDetails details)
    {
        var text = CustomerText(details);
        var analysis = analyzer.Analyze(text);
        var sentiment = analysis.Sentiment;
        if (details is SurveyAnswerDetails survey)
        {
            var fromScore = SurveyScoreSentiment(survey);
            sentiment = sentiment is { } comment
                ? Math.Round(((1 - surveyCommentWeight) * fromScore) + (surveyCommentWeight * comment), 4)
                : fromScore;
        }
        if (sentiment is not null) e.Sentiment = sentiment;
        e.Urgent = analysis.Urgent;
        e.Intents = string.Join(',', analysis.Intents);
    }

    /// <summary>The text the customer wrote or said, or null when the event carries none of theirs.</summary>
    public static string? CustomerText(EventDetails details) => details switch
    {
        TicketMessageDetails m when !StaffAuthors.Contains(m.Author) => m.Body,
        TicketDetails t => string.IsNullOrWhiteSpace(t.Description) ? t.Subject : t.Subject + ". " + t.Description,
        CrmActivityDetails a when !string.Equals(a.Direction, "Outgoing", StringComparison.OrdinalIgnoreCase)
            && a.ActivityType is "email" or "phonecall" or "note" or "appointment" => a.Body,
        SurveyAnswerDetails s => s.Comment,
        _ => null,
    };

    /// <summary>
    /// A survey score as -1..1. NPS is centred on 7 (the passive floor): 0 → -1, 7 → 0, 10 → 1. Other scales
    /// (CSAT 1-5, CES 1-7) are centred on their midpoint.
    /// </summary>
    public static double SurveyScoreSentiment(SurveyAnswerDetails s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.ScaleMax <= s.ScaleMin) return 0;
        var score = Math.Clamp(s.Score, s.ScaleMin, s.ScaleMax);
        var mid = string.Equals(s.SurveyType, "NPS", StringComparison.OrdinalIgnoreCase) && s.ScaleMin == 0 && s.ScaleMax == 10
            ? 7.0
            : (s.ScaleMin + s.ScaleMax) / 2.0;
        var value = score >= mid ? (score - mid) / (s.ScaleMax - mid) : (score - mid) / (mid - s.ScaleMin);
        return Math.Round(value, 4);
    }

    /// <summary>The score as a share of its scale, 0..1 (used by the survey driver).</summary>
    public static double SurveyScoreShare(SurveyAnswerDetails s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.ScaleMax <= s.ScaleMin) return 0.5;
        return (Math.Clamp(s.Score, s.ScaleMin, s.ScaleMax) - s.ScaleMin) / (double)(s.ScaleMax - s.ScaleMin);
    }
}
