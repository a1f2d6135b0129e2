using System.Runtime.CompilerServices;
using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Insights;

/// <summary>
/// Finds "the same problem, again and again": at least MinContacts contacts about one problem within WindowDays.
/// A contact is a ticket, or a customer message on a ticket that is negative or says "still not working"; the
/// problem is each of the ticket's tags (its normalized subject when it has none).
/// </summary>
public static class RepeatedProblemDetector
{
    public sealed record Episode(string Problem, IReadOnlyList<long> EventIds, DateTimeOffset FirstAt, DateTimeOffset LastAt);

    public static IReadOnlyList<Episode> Detect(
        IReadOnlyList<TimelineEvent> events, DateTimeOffset from, DateTimeOffset asOf, RepeatedProblemOptions options, double negativeBelow)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        // The tickets that messages in the window complain about (a ticket of any age); only those are looked up
        // below: a large customer has thousands of tickets, and this runs once per trend point.
        var complainedOf = new Dictionary<string, string[]?>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (IsComplaint(e, from, asOf, negativeBelow)) complainedOf.TryAdd(e.DetailsAs<TicketMessageDetails>().TicketId, null);
        }
        if (complainedOf.Count > 0)
        {
            foreach (var e in events)
            {
                if (e.Kind == EventKind.Ticket && e.OccurredAt <= asOf && complainedOf.ContainsKey(e.SourceRecordId))
                    complainedOf[e.SourceRecordId] = ProblemsOf(e.DetailsAs<TicketDetails>());
            }
        }

        var contacts = new List<(string Problem, TimelineEvent Event)>();
        foreach (var e in events)
        {
            if (e.OccurredAt < from || e.OccurredAt > asOf) continue;
            if (e.Kind == EventKind.Ticket)
            {
                foreach (var p in ProblemsOf(e.DetailsAs<TicketDetails>())) contacts.Add((p, e));
            }
            else if (IsComplaint(e, from, asOf, negativeBelow) && complainedOf[e.DetailsAs<TicketMessageDetails>().TicketId] is { } problems)
            {
                foreach (var p in problems) contacts.Add((p, e));
            }
        }

        var window = TimeSpan.FromDays(options.WindowDays);
        var episodes = new List<Episode>();
        foreach (var group in contacts.GroupBy(c => c.Problem, StringComparer.Ordinal))
        {
            var ordered = group.Select(c => c.Event).DistinctBy(e => e.Id).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToList();
            // The largest run of contacts that fits in one window; the first such run when several tie.
            int bestStart = 0, bestCount = 0;
            for (int start = 0, end = 0; start < ordered.Count; start++)
            {
                while (end < ordered.Count && ordered[end].OccurredAt - ordered[start].OccurredAt <= window) end++;
                if (end - start > bestCount)
                {
                    bestCount = end - start;
                    bestStart = start;
                }
            }
            if (bestCount < options.MinContacts) continue;
            var run = ordered.GetRange(bestStart, bestCount);
            episodes.Add(new Episode(group.Key, run.Select(e => e.Id).ToList(), run[0].OccurredAt, run[^1].OccurredAt));
        }
        return episodes.OrderByDescending(e => e.EventIds.Count).ThenByDescending(e => e.LastAt).ThenBy(e => e.Problem, StringComparer.Ordinal).ToList();
    }

    private static bool IsComplaint(TimelineEvent e, DateTimeOffset from, DateTimeOffset asOf, double negativeBelow) =>
        e.Kind == EventKind.TicketMessage && e.OccurredAt >= from && e.OccurredAt <= asOf
        && (e.Sentiment < negativeBelow || (e.Intents ?? "").Contains("repeated-problem", StringComparison.Ordinal));

    // A refresh runs the detector once per trend point and once more for the rules, over the same loaded tickets:
    // the problems of a ticket are kept with its parsed details, for as long as those live.
    private static readonly ConditionalWeakTable<TicketDetails, string[]> Problems = [];

    private static string[] ProblemsOf(TicketDetails t) => Problems.GetValue(t, ReadProblems);

    private static string[] ReadProblems(TicketDetails t)
    {
        var tags = t.Tags.Where(tag => !string.IsNullOrWhiteSpace(tag)).Select(tag => tag.Trim().ToLowerInvariant()).Distinct().ToArray();
        return tags.Length > 0 ? tags : ["subject:" + t.Subject.Trim().ToLowerInvariant()];
    }
}
