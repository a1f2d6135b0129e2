using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Sandbox;

/// <summary>
/// Zendesk Support: cursor-based incremental exports of users and tickets (<c>start_time</c> on the first call,
/// then <c>cursor</c>; <c>after_cursor</c>, <c>end_of_stream</c>; <c>include=metric_sets,users</c>), the time-based ticket
/// event export (<c>start_time</c>, <c>end_time</c>, <c>include=comment_events</c>) and <c>tickets/show_many</c>
/// (the same sideloads).
/// API-token Basic auth is checked.
/// </summary>
internal static class SandboxZendeskApi
{
    private const int MaxExportPage = 1000;

    /// <summary>Ids per show_many call, as Zendesk limits them.</summary>
    internal const int MaxShowMany = 100;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/api/v2/incremental/users/cursor.json", (HttpRequest request, SandboxDataStore store, IOptions<SandboxOptions> options) =>
            Export(request, store.Dataset.ZendeskUsers, "users", "users", null, options.Value));
        group.MapGet("/api/v2/incremental/tickets/cursor.json", (HttpRequest request, SandboxDataStore store, IOptions<SandboxOptions> options) =>
            Export(request, store.Dataset.ZendeskTickets, "tickets", "tickets", store.Dataset, options.Value));
        group.MapGet("/api/v2/incremental/ticket_events.json", TicketEvents);
        group.MapGet("/api/v2/tickets/show_many.json", ShowMany);
    }

    /// <summary>A cursor-based export; <paramref name="tickets"/> (for the ticket export) serves its sideloads.</summary>
    private static IResult Export(HttpRequest request, IReadOnlyList<SandboxRecord> records, string name, string path,
        SandboxDataset? tickets, SandboxOptions options)
    {
        if (!Authorized(request)) return Unauthorized();
        var q = request.Query;
        if (!PerPage(q["per_page"].ToString(), 1000, MaxExportPage, out var size))
            return SandboxJson.Error(400, ("error", "InvalidPaginationParameter"), ("description", "per_page must be between 1 and 1000."));

        int start;
        if (q["cursor"].ToString() is { Length: > 0 } cursor)
        {
            if (Decode(cursor) is not { } position)
                return SandboxJson.Error(400, ("error", "InvalidCursor"), ("description", "The cursor is invalid or expired."));
            start = SandboxRecord.After(records, position.Time, position.Id, "");
        }
        else if (long.TryParse(q["start_time"].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var startTime))
        {
            start = SandboxRecord.From(records, startTime);
        }
        else
        {
            return SandboxJson.Error(400, ("error", "InvalidValue"), ("description", "start_time or cursor is required."));
        }

        var page = records.Skip(start).Take(size).ToList();
        var end = start + page.Count >= records.Count;
        // At the end the cursor still moves past what was read: the next poll resumes there.
        var after = page.Count > 0 ? Encode(page[^1].Time, page[^1].Number) : q["cursor"].ToString() is { Length: > 0 } same ? same
            : Encode(long.Parse(q["start_time"].ToString(), CultureInfo.InvariantCulture) - 1, long.MaxValue);
        var include = q["include"].ToString().Split(',');
        var origin = options.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/sandbox/zendesk";
        return SandboxJson.Write(w =>
        {
            w.WriteStartObject();
            SandboxJson.WriteRecords(w, name, page);
            if (tickets is not null) WriteSideloads(w, include, page.Select(r => r.Number), tickets);
            w.WriteString("after_url", $"{origin}/api/v2/incremental/{path}/cursor.json?cursor={Uri.EscapeDataString(after)}");
            w.WriteString("after_cursor", after);
            w.WriteNull("before_url");
            w.WriteNull("before_cursor");
            w.WriteBoolean("end_of_stream", end);
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// Time-based: events at or after <c>start_time</c>, up to 1000, cut before a second that does not fit whole, so a
    /// non-final page's <c>end_time</c> (its last event's second) starts a next page that moves on. That second is
    /// served again from the start of the next page, as Zendesk does; clients de-duplicate.
    /// </summary>
    private static IResult TicketEvents(HttpRequest request, SandboxDataStore store, IOptions<SandboxOptions> options)
    {
        if (!Authorized(request)) return Unauthorized();
        var q = request.Query;
        if (!long.TryParse(q["start_time"].ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var startTime))
            return SandboxJson.Error(400, ("error", "InvalidValue"), ("description", "start_time is required."));

        var include = q["include"].ToString().Split(',').Contains("comment_events");
        var events = include ? store.Dataset.TicketEvents : store.Dataset.BareTicketEvents;
        var (start, end, endTime, endOfStream) = TicketEventPage(events, startTime);
        var origin = options.Value.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/sandbox/zendesk";
        var next = $"{origin}/api/v2/incremental/ticket_events.json?start_time={endTime.ToString(CultureInfo.InvariantCulture)}"
                   + (include ? "&include=comment_events" : "");
        return SandboxJson.Write(w =>
        {
            w.WriteStartObject();
            SandboxJson.WriteRecords(w, "ticket_events", Range(events, start, end));
            w.WriteString("next_page", next);
            w.WriteNumber("count", end - start);
            w.WriteNumber("end_time", endTime);
            w.WriteBoolean("end_of_stream", endOfStream);
            w.WriteEndObject();
        });
    }

    /// <summary>The page of <paramref name="events"/> (sorted by time) that starts at <paramref name="startTime"/>.</summary>
    internal static (int Start, int End, long EndTime, bool EndOfStream) TicketEventPage(
        IReadOnlyList<SandboxRecord> events, long startTime, int pageSize = MaxExportPage)
    {
        var start = SandboxRecord.From(events, startTime);
        var end = Math.Min(start + pageSize, events.Count);
        var endOfStream = end == events.Count;
        if (!endOfStream && events[end].Time == events[end - 1].Time)
        {
            // The last second does not fit whole: stop before it, unless it fills the page alone (then the client
            // sees an end_time that does not move, as with Zendesk).
            var lastSecond = SandboxRecord.From(events, events[end - 1].Time);
            if (lastSecond > start) end = lastSecond;
        }
        return (start, end, end > start ? events[end - 1].Time : startTime, endOfStream);
    }

    private static IEnumerable<SandboxRecord> Range(IReadOnlyList<SandboxRecord> records, int start, int end)
    {
        for (var i = start; i < end; i++) yield return records[i];
    }

    /// <summary>The existing tickets among up to 100 comma-separated ids, in the order asked; deleted ones left out.</summary>
    private static IResult ShowMany(HttpRequest request, SandboxDataStore store)
    {
        if (!Authorized(request)) return Unauthorized();
        var raw = request.Query["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (raw.Length == 0)
            return SandboxJson.Error(400, ("error", "InvalidValue"), ("description", "ids is required."));
        if (raw.Length > MaxShowMany)
            return SandboxJson.Error(400, ("error", "InvalidValue"), ("description", "At most 100 ids per request."));
        var ids = new List<long>(raw.Length);
        foreach (var text in raw)
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                return SandboxJson.Error(400, ("error", "InvalidValue"), ("description", "ids must be ticket ids."));
            ids.Add(id);
        }
        var tickets = store.Dataset.LiveTickets;
        var found = ids.Distinct().Where(tickets.ContainsKey).ToList();
        return SandboxJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("tickets");
            foreach (var id in found) w.WriteRawValue(tickets[id], skipInputValidation: true);
            w.WriteEndArray();
            WriteSideloads(w, request.Query["include"].ToString().Split(','), found, store.Dataset);
            w.WriteNull("next_page");
            w.WriteNull("previous_page");
            w.WriteNumber("count", ids.Distinct().Count(tickets.ContainsKey));
            w.WriteEndObject();
        });
    }

    /// <summary><c>metric_sets</c> and <c>users</c> (requesters, submitters, assignees: each once) of the tickets written.</summary>
    private static void WriteSideloads(System.Text.Json.Utf8JsonWriter w, string[] include, IEnumerable<long> ticketIds, SandboxDataset dataset)
    {
        var ids = ticketIds.ToList();
        if (include.Contains("metric_sets"))
        {
            w.WriteStartArray("metric_sets");
            foreach (var id in ids)
                if (dataset.TicketMetricSets.TryGetValue(id, out var set)) w.WriteRawValue(set, skipInputValidation: true);
            w.WriteEndArray();
        }
        if (include.Contains("users"))
        {
            w.WriteStartArray("users");
            var people = ids.Select(id => dataset.TicketRequesters.GetValueOrDefault(id)).Where(id => id != 0).Distinct();
            foreach (var user in ids.Count == 0 ? people : people.Append(SandboxDatasetBuilder.AgentId).Distinct())
                if (dataset.ZendeskUsersById.TryGetValue(user, out var json)) w.WriteRawValue(json, skipInputValidation: true);
            w.WriteEndArray();
        }
    }

    private static bool Authorized(HttpRequest request)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{SandboxCredentials.ZendeskEmail}/token:{SandboxCredentials.ZendeskApiToken}"));
        return request.Headers.Authorization.ToString() == expected;
    }

    private static IResult Unauthorized() => SandboxJson.Error(401, ("error", "Couldn't authenticate you"));

    private static bool PerPage(string raw, int fallback, int max, out int size)
    {
        size = fallback;
        return raw.Length == 0 || (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out size) && size >= 1 && size <= max);
    }

    /// <summary>Opaque to clients, like Zendesk's: the (updated_at, id) of the last item read.</summary>
    private static string Encode(long time, long id) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"{time.ToString(CultureInfo.InvariantCulture)}.{id.ToString(CultureInfo.InvariantCulture)}"));

    private static (long Time, long Id)? Decode(string cursor)
    {
        try
        {
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(cursor)).Split('.');
            return parts.Length == 2
                   && long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var time)
                   && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? (time, id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
