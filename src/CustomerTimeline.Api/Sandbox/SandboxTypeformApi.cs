using System.Globalization;

namespace CustomerTimeline.Api.Sandbox;

/// <summary>
/// Typeform Responses API: <c>GET /forms/{form_id}/responses</c> with <c>page_size</c>, <c>since</c>, <c>until</c>,
/// <c>after</c>/<c>before</c> (response tokens, exclusive, not combinable with <c>sort</c>), <c>sort</c> and
/// <c>response_type</c>; <c>total_items</c> and <c>page_count</c> count what is left to read. Bearer token checked.
/// </summary>
internal static class SandboxTypeformApi
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/forms/{formId}/responses", Responses);

    private static IResult Responses(string formId, HttpRequest request, SandboxDataStore store)
    {
        if (request.Headers.Authorization.ToString() != "Bearer " + SandboxCredentials.TypeformToken)
            return Error(401, "AUTHENTICATION_FAILED", "Authentication credentials not found on the Request Headers");
        if (!store.Dataset.TypeformResponses.TryGetValue(formId, out var responses))
            return Error(404, "FORM_NOT_FOUND", $"Non existing form with uid {formId}");

        var q = request.Query;
        var size = 25;
        if (q["page_size"].ToString() is { Length: > 0 } rawSize
            && (!int.TryParse(rawSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > 1000))
            return Error(400, "VALIDATION_ERROR", "page_size must be between 1 and 1000.");
        var after = q["after"].ToString();
        var before = q["before"].ToString();
        var sort = q["sort"].ToString();
        if (sort.Length > 0 && (after.Length > 0 || before.Length > 0))
            return Error(400, "VALIDATION_ERROR", "sort cannot be used together with after or before.");
        if (sort.Length > 0 && sort is not ("submitted_at,asc" or "submitted_at,desc"))
            return Error(400, "VALIDATION_ERROR", "The sandbox sorts by submitted_at,asc or submitted_at,desc only.");
        if (!Instant(q["since"].ToString(), out var since) || !Instant(q["until"].ToString(), out var until))
            return Error(400, "VALIDATION_ERROR", "since and until must be ISO 8601 dates or Unix timestamps.");
        var type = q["response_type"].ToString();
        if (type.Length > 0 && !type.Split(',').All(t => t is "completed" or "partial" or "started"))
            return Error(400, "VALIDATION_ERROR", "response_type must list completed, partial or started.");

        // Every sandbox response is completed and was processed in submitted_at order.
        IEnumerable<SandboxRecord> matching = type.Length > 0 && !type.Split(',').Contains("completed") ? [] : responses;
        matching = matching.Where(r => (since is null || r.Time >= since) && (until is null || r.Time <= until));
        if (after.Length > 0) matching = matching.SkipWhile(r => r.Key != after).Skip(1);
        if (before.Length > 0) matching = matching.TakeWhile(r => r.Key != before);
        if (sort == "submitted_at,desc" || (before.Length > 0 && after.Length == 0)) matching = matching.Reverse();
        var all = matching.ToList();
        var page = all.Take(size).ToList();
        return SandboxJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("total_items", all.Count);
            w.WriteNumber("page_count", (all.Count + size - 1) / size);
            SandboxJson.WriteRecords(w, "items", page);
            w.WriteEndObject();
        });
    }

    private static bool Instant(string raw, out long? unix)
    {
        unix = null;
        if (raw.Length == 0) return true;
        if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            unix = seconds;
            return true;
        }
        if (!DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return false;
        unix = at.ToUnixTimeSeconds();
        return true;
    }

    private static IResult Error(int status, string code, string description) =>
        SandboxJson.Error(status, ("code", code), ("description", description));
}
