using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Sandbox;

/// <summary>
/// Zendesk Support: cursor-based incremental exports of users and tickets (<c>start_time</c> on the first call,
/// then <c>cursor</c>; <c>after_cursor</c>, <c>end_of_stream</c>; <c>include=metric_sets</c>) and a ticket's
/// comments (<c>page[size]</c>, <c>page[after]</c>, <c>meta.has_more</c>). API-token Basic auth is checked.
/// </summary>
internal static class SandboxZendeskApi
{
    private const int MaxExportPage = 1000;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/api/v2/incremental/users/cursor.json", (HttpRequest request, SandboxDataStore store, IOptions<SandboxOptions> options) =>
            Export(request, store.Dataset.ZendeskUsers, "users", "users", null, options.Value));
        group.MapGet("/api/v2/incremental/tickets/cursor.json", (HttpRequest request, SandboxDataStore store, IOptions<SandboxOptions> options) =>
            Export(request, store.Dataset.ZendeskTickets, "tickets", "tickets", store.Dataset.TicketMetricSets, options.Value));
        group.MapGet("/api/v2/tickets/{ticketId:long}/comments.json", Comments);
    }

    private static IResult Export(HttpRequest request, IReadOnlyList<SandboxRecord> records, string name, string path,
        IReadOnlyDictionary<long, byte[]>? metricSets, SandboxOptions options)
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
        var include = q["include"].ToString().Split(',').Contains("metric_sets");
        var origin = options.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/sandbox/zendesk";
        return SandboxJson.Write(w =>
        {
            w.WriteStartObject();
            SandboxJson.WriteRecords(w, name, page);
            if (include && metricSets is not null)
            {
                w.WriteStartArray("metric_sets");
                foreach (var record in page)
                    if (metricSets.TryGetValue(record.Number, out var set)) w.WriteRawValue(set, skipInputValidation: true);
                w.WriteEndArray();
            }
            w.WriteString("after_url", $"{origin}/api/v2/incremental/{path}/cursor.json?cursor={Uri.EscapeDataString(after)}");
            w.WriteString("after_cursor", after);
            w.WriteNull("before_url");
            w.WriteNull("before_cursor");
            w.WriteBoolean("end_of_stream", end);
            w.WriteEndObject();
        });
    }

    private static IResult Comments(long ticketId, HttpRequest request, SandboxDataStore store, IOptions<SandboxOptions> options)
    {
        if (!Authorized(request)) return Unauthorized();
        if (!store.Dataset.TicketMetricSets.ContainsKey(ticketId))
            return SandboxJson.Error(404, ("error", "RecordNotFound"), ("description", "Not found"));
        if (!PerPage(request.Query["page[size]"].ToString(), 100, 100, out var size))
            return SandboxJson.Error(400, ("error", "InvalidPaginationParameter"), ("description", "page[size] must be between 1 and 100."));
        var thread = store.Dataset.TicketComments.GetValueOrDefault(ticketId) ?? [];
        var start = 0;
        if (request.Query["page[after]"].ToString() is { Length: > 0 } cursor)
        {
            if (Decode(cursor) is not { } position)
                return SandboxJson.Error(400, ("error", "InvalidPaginationParameter"), ("description", "page[after] is not a valid cursor."));
            start = SandboxRecord.After(thread, position.Time, position.Id, "");
        }
        var page = thread.Skip(start).Take(size).ToList();
        var more = start + page.Count < thread.Count;
        var after = page.Count > 0 ? Encode(page[^1].Time, page[^1].Number) : null;
        var before = page.Count > 0 ? Encode(page[0].Time, page[0].Number) : null;
        var origin = options.Value.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + $"/sandbox/zendesk/api/v2/tickets/{ticketId}/comments.json";
        return SandboxJson.Write(w =>
        {
            w.WriteStartObject();
            SandboxJson.WriteRecords(w, "comments", page);
            w.WriteStartObject("meta");
            w.WriteBoolean("has_more", more);
            w.WriteString("after_cursor", after);
            w.WriteString("before_cursor", before);
            w.WriteEndObject();
            w.WriteStartObject("links");
            w.WriteString("next", more ? $"{origin}?page[size]={size}&page[after]={Uri.EscapeDataString(after!)}" : null);
            w.WriteString("prev", before is null ? null : $"{origin}?page[size]={size}&page[before]={Uri.EscapeDataString(before)}");
            w.WriteEndObject();
            w.WriteEndObject();
        });
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
