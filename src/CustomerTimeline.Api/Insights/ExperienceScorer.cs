using System.Globalization;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Journey;

namespace CustomerTimeline.Api.Insights;

/// <summary>
/// The experience score model (docs/experience-score.md): six drivers, each a subscore 0..1 times its share of 100
/// points. The score is the sum of the rounded contributions, so the drivers always add up to it.
/// </summary>
public sealed class ExperienceScorer(ExperienceOptions options)
{
    private const int MaxEventsPerDriver = 10;

    /// <summary>
    /// The score now and its trend. <paramref name="firstEventAt"/> is the customer's first event when
    /// <paramref name="events"/> is only their recent window (every driver looks back a bounded number of days).
    /// </summary>
    public ExperienceResult Score(IReadOnlyList<TimelineEvent> events, DateTimeOffset now, DateTimeOffset? firstEventAt = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var drivers = new List<ExperienceDriver>(6);
        var (score, problems) = ScoreAt(events, now, drivers);
        var history = new List<ScorePoint>();
        if (events.Count > 0 || firstEventAt is not null)
        {
            var firstAt = firstEventAt ?? events.Min(e => e.OccurredAt);
            for (var k = options.HistoryPoints - 1; k >= 1; k--)
            {
                var at = now.AddDays(-k * options.HistoryIntervalDays);
                if (at < firstAt) continue;
                // The past points only need the score: no drivers, explanations or event lists.
                history.Add(new ScorePoint(at, ScoreAt(events, at, drivers: null).Score));
            }
        }
        history.Add(new ScorePoint(now, score));
        return new ExperienceResult(score, drivers, history, problems);
    }

    /// <summary>How far back from now the score and its trend read events other than survey answers.</summary>
    public int LookbackDays =>
        ((options.HistoryPoints - 1) * options.HistoryIntervalDays) + Math.Max(options.WindowDays, options.EngagementWindowDays);

    /// <summary>How far back from now they read survey answers (a year, where the other drivers read weeks).</summary>
    public int SurveyLookbackDays =>
        ((options.HistoryPoints - 1) * options.HistoryIntervalDays) + Math.Max(options.SurveyWindowDays, options.EngagementWindowDays);

    public ScoreBand Band(double score) =>
        score < options.LowBandBelow ? ScoreBand.Low : score >= options.HighBandFrom ? ScoreBand.High : ScoreBand.Medium;

    /// <summary>The score at <paramref name="asOf"/>; when <paramref name="drivers"/> is given, also each driver explained.</summary>
    /// <remarks>
    /// Every driver reads events up to asOf only; they are filtered where read, not copied first (a large customer's
    /// window is thousands of events, and this runs once per trend point).
    /// </remarks>
    private (double Score, IReadOnlyList<string> Problems) ScoreAt(IReadOnlyList<TimelineEvent> events, DateTimeOffset asOf, List<ExperienceDriver>? drivers)
    {
        var explain = drivers is not null;
        var w = options.Weights;
        var total = w.Total;
        var windowFrom = asOf.AddDays(-options.WindowDays);
        var sum = 0.0;
        void Add(string key, string name, double weight, double subscore, Func<string>? explanation, Func<IEnumerable<TimelineEvent>>? evidence)
        {
            var driver = DriverOf(key, name, weight, total, subscore, explain ? explanation?.Invoke() ?? "" : "", explain && evidence is not null ? evidence() : []);
            sum += driver.Contribution;
            drivers?.Add(driver);
        }

        // Surveys: the average answer as a share of its scale.
        var surveys = events.Where(e => e.Kind == EventKind.SurveyAnswer && e.OccurredAt >= asOf.AddDays(-options.SurveyWindowDays) && e.OccurredAt <= asOf).ToList();
        if (surveys.Count == 0)
        {
            Add("surveys", "Survey answers (NPS, CSAT, CES)", w.Surveys, 0.5, () => "No survey answer in the window: neutral.", null);
        }
        else
        {
            var latestFirst = explain ? surveys.OrderByDescending(e => e.OccurredAt).ToList() : surveys;
            Add("surveys", "Survey answers (NPS, CSAT, CES)", w.Surveys,
                surveys.Average(e => EventTextEnricher.SurveyScoreShare(e.DetailsAs<SurveyAnswerDetails>())),
                () => Invariant($"{surveys.Count} answer(s); latest {Describe(latestFirst[0].DetailsAs<SurveyAnswerDetails>())}."), () => latestFirst);
        }

        // Sentiment of what the customer wrote or said (surveys are counted above).
        var judged = events.Where(e => e.Sentiment is not null && e.Kind != EventKind.SurveyAnswer && e.OccurredAt >= windowFrom && e.OccurredAt <= asOf).ToList();
        if (judged.Count == 0)
        {
            Add("sentiment", "Sentiment of messages and notes", w.Sentiment, 0.5, () => "No opinion expressed in the window: neutral.", null);
        }
        else
        {
            var mean = judged.Average(e => e.Sentiment!.Value);
            Add("sentiment", "Sentiment of messages and notes", w.Sentiment, (mean + 1) / 2,
                () => Invariant($"Average sentiment {mean:0.00} over {judged.Count} event(s); {judged.Count(e => e.Sentiment < options.NegativeSentimentBelow)} negative."),
                () => judged.OrderBy(e => e.Sentiment).ThenByDescending(e => e.OccurredAt));
        }

        // Support load: tickets opened in the window.
        var tickets = events.Where(e => e.Kind == EventKind.Ticket && e.OccurredAt >= windowFrom && e.OccurredAt <= asOf).ToList();
        if (explain) tickets = [.. tickets.OrderByDescending(e => e.OccurredAt)];
        Add("supportLoad", "Support load", w.SupportLoad,
            Math.Max(0, 1 - (tickets.Count / (double)options.TicketsForZero)),
            () => Invariant($"{tickets.Count} ticket(s) in {options.WindowDays} days (zero points at {options.TicketsForZero})."), () => tickets);

        // Resolution time: hours to solve (or open so far), full points up to the target.
        if (tickets.Count == 0)
        {
            Add("resolutionTime", "Resolution time", w.ResolutionTime, 1, () => "No ticket in the window.", null);
        }
        else
        {
            var hours = tickets.Select(t =>
            {
                var solved = t.DetailsAs<TicketDetails>().SolvedAt;
                var end = solved is { } s && s <= asOf ? s : asOf;
                return Math.Max(0, (end - t.OccurredAt).TotalHours);
            }).ToList();
            var span = options.ResolutionHoursForZero - options.TargetResolutionHours;
            var sub = hours.Average(h => Math.Clamp(1 - ((h - options.TargetResolutionHours) / span), 0, 1));
            Add("resolutionTime", "Resolution time", w.ResolutionTime, sub, () =>
            {
                var open = tickets.Count(t => t.DetailsAs<TicketDetails>().SolvedAt is not { } s || s > asOf);
                return Invariant($"Average {hours.Average():0} hours to resolve ({open} still open); target {options.TargetResolutionHours:0} h.");
            }, () => tickets);
        }

        // Repeated contacts about one problem: all points lost while an episode is in the window.
        var episodes = RepeatedProblemDetector.Detect(events, windowFrom, asOf, options.RepeatedProblem, options.NegativeSentimentBelow);
        var problems = episodes.Select(e => e.Problem).ToList();
        if (episodes.Count == 0)
        {
            Add("repeatedProblems", "Repeated contacts about the same problem", w.RepeatedProblems, 1, () => "No repeated problem.", null);
        }
        else
        {
            Add("repeatedProblems", "Repeated contacts about the same problem", w.RepeatedProblems, 0,
                () => Invariant($"{episodes[0].EventIds.Count} contacts about '{episodes[0].Problem}' within {(episodes[0].LastAt - episodes[0].FirstAt).TotalDays:0.#} days") +
                    (episodes.Count > 1 ? Invariant($" (+{episodes.Count - 1} other problem(s)).") : "."),
                () => episodes.SelectMany(e => e.EventIds).Distinct().Select(id => events.First(e => e.Id == id)));
        }

        // Engagement: touches other than support contacts in the last weeks.
        var touches = events.Where(e => e.Kind is not (EventKind.Ticket or EventKind.TicketMessage) && e.OccurredAt >= asOf.AddDays(-options.EngagementWindowDays) && e.OccurredAt <= asOf).ToList();
        Add("engagement", "Engagement", w.Engagement,
            Math.Min(1, touches.Count / (double)options.EngagementTouchesForFull),
            () => Invariant($"{touches.Count} touch(es) in {options.EngagementWindowDays} days (full points at {options.EngagementTouchesForFull})."),
            () => touches.OrderByDescending(e => e.OccurredAt));

        return (Math.Round(sum, 2), problems);
    }

    private static ExperienceDriver DriverOf(string key, string name, double weight, double total, double subscore, string explanation, IEnumerable<TimelineEvent> events) =>
        DriverOfIds(key, name, weight, total, subscore, explanation, events.Take(MaxEventsPerDriver).Select(e => e.Id).ToList());

    private static ExperienceDriver DriverOfIds(string key, string name, double weight, double total, double subscore, string explanation, IReadOnlyList<long> eventIds)
    {
        var maxPoints = Math.Round(100 * weight / total, 2);
        subscore = Math.Round(Math.Clamp(subscore, 0, 1), 4);
        return new ExperienceDriver(key, name, weight, maxPoints, subscore, Math.Round(maxPoints * subscore, 2), explanation,
            eventIds.Take(MaxEventsPerDriver).ToList());
    }

    private static string Describe(SurveyAnswerDetails s) => Invariant($"{s.SurveyType} {s.Score} on {s.ScaleMin}-{s.ScaleMax}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
