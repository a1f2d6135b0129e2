using System.Globalization;
using System.Text.Json;
using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Connectors.Matomo;

/// <summary>Pure mapping of Live.getLastVisitsDetails visits to WebVisit events.</summary>
public static class MatomoMapper
{
    public static string RecordId(long idVisit) => "visit-" + idVisit.ToString(CultureInfo.InvariantCulture);

    /// <summary>Last action time: what Matomo orders and filters the visit log by.</summary>
    public static long? LastAction(MatomoVisit visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        return visit.LastActionTimestamp ?? visit.ServerTimestamp;
    }

    public static SourceRecord Map(JsonElement raw) => Map(raw, ConnectorJson.ReadRecord<MatomoVisit>(raw, out var error), error);

    /// <summary>Maps a visit the connector already read from <paramref name="raw"/> (null, with its error, when unreadable).</summary>
    public static SourceRecord Map(JsonElement raw, MatomoVisit? visit, string? error)
    {
        var recordId = RawRecords.RecordId(raw, "idVisit", "visit-");
        var updatedAt = RawRecords.Timestamp(raw, "lastActionTimestamp");
        if (visit is null) return RawRecords.Unmappable(raw, recordId, updatedAt, error ?? "Empty visit record.");
        if (visit.IdVisit <= 0) return RawRecords.Unmappable(raw, recordId, updatedAt, "The visit has no idVisit.");
        if (string.IsNullOrWhiteSpace(visit.VisitorId)) return RawRecords.Unmappable(raw, recordId, updatedAt, "The visit has no visitorId.");
        if (LastAction(visit) is not { } last) return RawRecords.Unmappable(raw, recordId, updatedAt, "The visit has no lastActionTimestamp.");

        var lastAt = DateTimeOffset.FromUnixTimeSeconds(last);
        var firstAt = DateTimeOffset.FromUnixTimeSeconds(visit.FirstActionTimestamp ?? last);
        var actions = visit.ActionDetails ?? [];
        var pages = actions
            .Where(a => a.Type == "action" && !string.IsNullOrWhiteSpace(a.Url))
            .Select(a => new VisitedPage(a.Url!, a.PageTitle, Math.Max(0, a.TimeSpent ?? 0)))
            .ToList();
        var goals = actions.Where(a => a.Type == "goal").Select(a => a.GoalName ?? "goal").ToList();

        var keys = new List<IdentityKey> { new(IdentityKind.MatomoVisitorId, visit.VisitorId) };
        if (!string.IsNullOrWhiteSpace(visit.UserId))
        {
            keys.Add(new(IdentityKind.MatomoUserId, visit.UserId));
            // Sites often set the signed-in user's email as the Matomo User ID.
            if (IdentityNormalizer.NormalizeEmail(visit.UserId) is not null) keys.Add(new(IdentityKind.Email, visit.UserId));
        }

        var title = pages.Count switch
        {
            0 => "Visited the website",
            1 => $"Visited {pages[0].Title ?? pages[0].Url}",
            _ => $"Visited {pages.Count} pages",
        };
        var referrer = visit.ReferrerUrl ?? visit.ReferrerName;
        var summary = visit.ReferrerName is { Length: > 0 } from
            ? $"From {from} ({visit.ReferrerType ?? "unknown"})" + (goals.Count > 0 ? $", {goals.Count} goal(s) converted" : "")
            : goals.Count > 0 ? $"{goals.Count} goal(s) converted" : null;

        return new SourceEvent(
            RecordId(visit.IdVisit),
            lastAt,
            keys,
            EventKind.WebVisit,
            firstAt,
            Channel.Web,
            title,
            summary,
            new WebVisitDetails(
                visit.VisitorId,
                string.IsNullOrWhiteSpace(visit.UserId) ? null : visit.UserId,
                pages,
                Math.Max(0, visit.VisitDuration ?? (int)(lastAt - firstAt).TotalSeconds),
                referrer,
                visit.ReferrerType,
                visit.DeviceType,
                visit.BrowserName,
                visit.Country,
                goals));
    }
}
